package io.exchangechaos.server.dns;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command-line arguments of {@link DnsFaultServerMain}, read into a {@link DnsServerConfig}; every problem is reported. */
final class ServerArgs {

    static final String USAGE = "usage: DnsFaultServerMain --zone ZONE [--listen HOST:PORT] [--control HOST:PORT|off]"
            + " [--record NAME=IPV4[,IPV4...]]... [--ttl 5s] [--black-hole 127.0.0.254] [--query-log FILE]";
    static final String DEFAULT_LISTEN = "127.0.0.53:10053";
    static final String DEFAULT_CONTROL = "127.0.0.1:8475";
    private static final List<String> OPTIONS =
            List.of("--zone", "--listen", "--control", "--record", "--ttl", "--black-hole", "--query-log", "--help");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private ServerArgs() {
    }

    /** The config, or an {@link InvalidInputException} listing every problem. {@code --help} is handled by the caller. */
    static DnsServerConfig parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(option) || option.equals("--help")) {
                problems.add("unknown argument [" + arg + "]; known: " + String.join(", ", OPTIONS));
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    problems.add(option + " needs a value, e.g. " + option + " " + example(option));
                    continue;
                }
                value = args.get(++i);
            }
            if (!option.equals("--record") && values.containsKey(option)) {
                problems.add(option + " is given twice; give it once");
                continue;
            }
            values.computeIfAbsent(option, k -> new ArrayList<>()).add(value);
        }

        String zone = first(values, "--zone");
        if (zone == null) {
            problems.add("--zone is missing; give the zone to answer for, e.g. --zone exchange.test");
        }
        InetSocketAddress listen = address("--listen", Optional.ofNullable(first(values, "--listen")).orElse(DEFAULT_LISTEN), problems);
        String controlText = Optional.ofNullable(first(values, "--control")).orElse(DEFAULT_CONTROL);
        InetSocketAddress control = controlText.equalsIgnoreCase("off") ? null : address("--control", controlText, problems);
        Duration ttl = DnsServerConfig.DEFAULT_TTL;
        if (values.containsKey("--ttl")) {
            ttl = ttl(first(values, "--ttl"), problems);
        }
        Map<String, List<Inet4Address>> records = new LinkedHashMap<>();
        for (String record : values.getOrDefault("--record", List.of())) {
            record(record, records, problems);
        }
        Inet4Address blackHole = DnsNames.ipv4(DnsServerConfig.DEFAULT_BLACK_HOLE);
        if (values.containsKey("--black-hole")) {
            String text = first(values, "--black-hole");
            Optional<Inet4Address> parsed = DnsNames.parseIpv4(text);
            if (parsed.isEmpty()) {
                problems.add("--black-hole [" + text + "] is not an IPv4 address; use one in 127.0.0.0/8, e.g. 127.0.0.254");
            } else if (!parsed.get().isLoopbackAddress()) {
                problems.add(FaultSpec.loopbackProblem("--black-hole", text));
            } else {
                blackHole = parsed.get();
            }
        }
        Path queryLog = values.containsKey("--query-log") ? Path.of(first(values, "--query-log")) : null;

        if (zone != null && problems.isEmpty()) {
            try {
                return new DnsServerConfig(zone, listen, control, ttl, records, blackHole, queryLog,
                        DnsServerConfig.DEFAULT_QUERY_LOG_CAPACITY);
            } catch (InvalidInputException e) {
                e.problems().stream().map(ServerArgs::asArgument).forEach(problems::add);
            }
        } else if (zone != null) {
            try {
                Zone.of(zone);
            } catch (InvalidInputException e) {
                problems.add(asArgument(e.getMessage()));
            }
        }
        throw new InvalidInputException(problems);
    }

    /** Config problems name config fields; on the command line, name the argument instead. */
    private static String asArgument(String problem) {
        return problem.replaceFirst("^zone ", "--zone ")
                .replaceFirst("^record ", "--record ")
                .replaceFirst("^ttl ", "--ttl ");
    }

    private static String first(Map<String, List<String>> values, String option) {
        List<String> list = values.get(option);
        return list == null ? null : list.get(0);
    }

    private static InetSocketAddress address(String option, String text, List<String> problems) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String portText = colon < 0 ? "" : text.substring(colon + 1);
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        Optional<Inet4Address> address = DnsNames.parseIpv4(host);
        int port = -1;
        if (portText.matches("\\d{1,5}")) {
            port = Integer.parseInt(portText);
        }
        if (address.isEmpty() || port < 0 || port > 65535) {
            problems.add(option + " [" + text + "] is not IPV4:PORT; write e.g. " + option + " " + example(option)
                    + " (port 0 picks a free one)");
            return null;
        }
        return new InetSocketAddress(address.get(), port);
    }

    private static Duration ttl(String text, List<String> problems) {
        Duration ttl = null;
        Matcher simple = SIMPLE_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            ttl = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                ttl = Duration.parse(text);
            } catch (DateTimeParseException e) {
                problems.add("--ttl [" + text + "] is not a duration; write whole seconds like 5s, 30s or 2m");
                return DnsServerConfig.DEFAULT_TTL;
            }
        }
        List<String> ttlProblems = ZoneRecord.ttlProblems("--ttl", ttl);
        if (!ttlProblems.isEmpty()) {
            problems.add("--ttl [" + text + "] must be whole seconds from 0s to " + ZoneRecord.MAX_TTL.toSeconds() + "s, e.g. 5s");
        }
        return ttl;
    }

    private static void record(String text, Map<String, List<Inet4Address>> records, List<String> problems) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            problems.add("--record [" + text + "] is not NAME=IPV4[,IPV4...]; write e.g. --record " + example("--record"));
            return;
        }
        String name = text.substring(0, eq).trim();
        List<Inet4Address> addresses = new ArrayList<>();
        for (String part : text.substring(eq + 1).split(",", -1)) {
            Optional<Inet4Address> address = DnsNames.parseIpv4(part.trim());
            if (address.isEmpty()) {
                problems.add("--record [" + text + "]: [" + part.trim() + "] is not an IPv4 address; write four numbers, e.g. 127.0.1.21");
                return;
            }
            addresses.add(address.get());
        }
        records.computeIfAbsent(name, k -> new ArrayList<>()).addAll(addresses);
    }

    private static String example(String option) {
        switch (option) {
            case "--zone":
                return "exchange.test";
            case "--listen":
                return DEFAULT_LISTEN;
            case "--control":
                return DEFAULT_CONTROL;
            case "--record":
                return "engine.r1.exchange.test=127.0.1.21";
            case "--ttl":
                return "5s";
            case "--black-hole":
                return "127.0.0.254";
            default:
                return "target/dns-queries.jsonl";
        }
    }
}
