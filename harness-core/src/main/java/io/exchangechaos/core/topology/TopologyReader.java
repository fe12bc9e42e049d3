package io.exchangechaos.core.topology;

import io.exchangechaos.core.adapter.Adapters;
import io.exchangechaos.core.plugin.Plugins;
import io.exchangechaos.core.yaml.Location;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.Suggestions;
import io.exchangechaos.core.yaml.YamlFields;
import io.exchangechaos.core.yaml.YamlNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads and checks one topology file; every problem is collected with its location. */
final class TopologyReader {

    private static final List<String> ROOT_KEYS = List.of("name", "description", "domain", "dns", "proxyApi", "regions",
            "services", "links", "records", "entrypoints", "weaknesses", "adapter", "adapterConfig", "plugins");
    private static final List<String> SERVICE_KEYS = List.of("name", "kind", "region", "listen", "health", "start");
    /** Keys a service may have besides the required ones. */
    private static final List<String> SERVICE_OPTIONAL_KEYS = List.of("image");
    private static final List<String> LINK_KEYS = List.of("name", "from", "to", "listen", "upstream", "wan");
    private static final List<String> RECORD_KEYS = List.of("name", "address");
    private static final List<String> DNS_KEYS = List.of("listen", "ttl");
    private static final List<String> WEAKNESS_KEYS = List.of("topology");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String HOST_PORT_FIX = "write host:port, e.g. 127.0.1.20:9090";

    private final Problems problems;
    private final Path baseDir;
    private final Map<HostPort, String> listeners = new HashMap<>();
    // Every name written, valid or not, so one bad field doesn't make every reference to its owner fail too.
    private final Set<String> serviceNames = new LinkedHashSet<>();
    private final Set<String> linkNames = new LinkedHashSet<>();

    private TopologyReader(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    static Topology read(String yaml, String fileName, Path baseDir) {
        Problems problems = new Problems(fileName);
        Optional<Topology> topology = YamlNode.parse(yaml, problems)
                .flatMap(root -> new TopologyReader(problems, baseDir).topology(root));
        if (!problems.isEmpty() || topology.isEmpty()) {
            throw new TopologyDefinitionException(problems.list());
        }
        return topology.get();
    }

    private Optional<Topology> topology(YamlNode root) {
        Optional<YamlFields> maybe = YamlFields.of(root, "", problems, ROOT_KEYS, "a topology starts with name:, regions:, services:");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlFields f = maybe.get();
        f.require("name", "name: multi-region");
        f.require("domain", "domain: exchange.test");
        f.require("dns", "dns: {listen: 127.0.0.53:10053, ttl: 5s}");
        f.require("proxyApi", "proxyApi: http://127.0.0.1:8474");
        f.require("regions", "regions: [r1, r2, r3]");
        f.require("services", "services: [{name: engine-r1, kind: engine, ...}]");
        f.require("links", "links: [{name: gateways-engine-r1, from: gateways, to: engine-r1, ...}]");
        f.require("entrypoints", "entrypoints: [client-gateway-r1]");

        String name = f.text("name", "name: multi-region").orElse(null);
        String description = f.text("description", "description: Three regions...").orElse("");
        String domain = f.text("domain", "domain: exchange.test").orElse(null);
        DnsServer dns = f.mapping("dns", DNS_KEYS, "dns: {listen: 127.0.0.53:10053, ttl: 5s}").map(this::dns).orElse(null);
        URI proxyApi = f.parsed("proxyApi", TopologyReader::httpUri, "an http URL", "write e.g. http://127.0.0.1:8474").orElse(null);
        List<String> regions = regions(f);
        List<Service> services = services(f, regions);
        List<Link> links = links(f, services);
        List<DnsRecord> records = records(f, domain);
        List<String> entrypoints = entrypoints(f, links);
        Map<Weakness, Path> weaknesses = weaknesses(f);
        List<Path> plugins = plugins(f);
        AdapterChoice adapter = adapter(f, plugins);

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Topology(name, description, domain, dns, proxyApi, regions, services, links, records,
                entrypoints, weaknesses, adapter, plugins));
    }

    private DnsServer dns(YamlFields f) {
        f.require("listen", "listen: 127.0.0.53:10053");
        f.require("ttl", "ttl: 5s");
        HostPort listen = f.parsed("listen", HostPort::parse, "an address", HOST_PORT_FIX).orElse(null);
        Duration ttl = f.duration("ttl", "ttl: 5s").orElse(null);
        return listen == null || ttl == null ? null : new DnsServer(listen, ttl);
    }

    private List<String> regions(YamlFields f) {
        List<String> regions = f.texts("regions", "regions: [r1, r2, r3]").orElse(List.of());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            String path = "regions[" + i + "]";
            if (!seen.add(region)) {
                problems.add(path, region, "duplicate region; list each region once");
            } else if (region.equals(Topology.GLOBAL_REGION)) {
                problems.add(path, region, "global is the region of shared services and can't be listed; remove it");
            } else if (!NAME.matcher(region).matches()) {
                problems.add(path, region, "not a region name; use lower-case letters, digits and '-'");
            }
        }
        return List.copyOf(seen);
    }

    private List<Service> services(YamlFields root, List<String> regions) {
        List<Service> services = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<YamlNode> items = root.list("services", "services: [{name: engine-r1, kind: engine, ...}]").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "services[" + i + "]";
            Optional<YamlFields> maybe = YamlFields.of(items.get(i), path, problems,
                    Stream.concat(SERVICE_KEYS.stream(), SERVICE_OPTIONAL_KEYS.stream()).toList(),
                    "write {name, kind, region, listen, health, start}");
            if (maybe.isEmpty()) {
                continue;
            }
            YamlFields f = maybe.get();
            for (String key : SERVICE_KEYS) {
                f.require(key, switch (key) {
                    case "name" -> "name: engine-r1";
                    case "kind" -> "kind: engine";
                    case "region" -> "region: r1";
                    case "listen" -> "listen: 127.0.1.20:9090";
                    case "health" -> "health: http://127.0.1.20:9090/health";
                    default -> "start: [\"${java}\", \"-cp\", \"${stack.classpath}\", \"com.example.Main\"]";
                });
            }
            String name = f.text("name", "name: engine-r1").orElse(null);
            if (name != null) {
                serviceNames.add(name);
                if (!NAME.matcher(name).matches()) {
                    problems.add(f.child("name"), name, "not a service name; use lower-case letters, digits and '-'");
                } else if (seen.containsKey(name)) {
                    problems.add(f.child("name"), name, "duplicate service name (also " + seen.get(name) + "); rename one");
                } else {
                    seen.put(name, path);
                }
            }
            ServiceKind kind = f.text("kind", "kind: engine").flatMap(k -> {
                Optional<ServiceKind> known = ServiceKind.fromId(k);
                if (known.isEmpty()) {
                    problems.add(f.child("kind"), k, "unknown service kind; " + Suggestions.fix(k, ServiceKind.ids()));
                }
                return known;
            }).orElse(null);
            String region = f.text("region", "region: r1").orElse(null);
            if (region != null && !region.equals(Topology.GLOBAL_REGION) && !regions.contains(region)) {
                List<String> candidates = new ArrayList<>(regions);
                candidates.add(Topology.GLOBAL_REGION);
                problems.add(f.child("region"), region, "not in regions " + regions + "; "
                        + Suggestions.closest(region, candidates).map(c -> "did you mean " + c + "?")
                        .orElse("add it to regions or use global for a shared service"));
            }
            HostPort listen = f.parsed("listen", HostPort::parse, "an address", HOST_PORT_FIX).orElse(null);
            if (listen != null) {
                claim(f.child("listen"), listen, "service " + name);
            }
            URI health = f.parsed("health", TopologyReader::httpUri, "an http URL", "write e.g. http://127.0.1.20:9090/health")
                    .orElse(null);
            List<String> start = f.texts("start", "start: [\"${java}\", \"-cp\", \"${stack.classpath}\", \"com.example.Main\"]")
                    .orElse(List.of());
            if (f.has("start") && start.isEmpty() && !problems.hasProblemAt(f.child("start"))) {
                problems.add(f.child("start"), null, "empty; write the command that starts the service");
            }
            checkPlaceholders(f.child("start"), start);
            // docker backend only: the image this service runs in instead of the harness-built stack image
            Optional<String> image = f.text("image", "image: registry.example.com/exchange/gateway:1.4.2");
            if (name != null && kind != null && region != null && listen != null && health != null) {
                services.add(new Service(name, kind, region, listen, health, start, image));
            }
        }
        return services;
    }

    private void checkPlaceholders(String path, List<String> start) {
        for (int i = 0; i < start.size(); i++) {
            var m = PLACEHOLDER.matcher(start.get(i));
            while (m.find()) {
                if (!Service.PLACEHOLDERS.contains(m.group(1))) {
                    problems.add(path + "[" + i + "]", start.get(i), "unknown placeholder ${" + m.group(1) + "}; "
                            + Suggestions.closest(m.group(1), Service.PLACEHOLDERS).map(c -> "did you mean ${" + c + "}?")
                            .orElse("use one of ${java}, ${stack.classpath}, ${runDir}, ${weakness}"));
                }
            }
        }
    }

    private List<Link> links(YamlFields root, List<Service> services) {
        List<Link> links = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> groups = new ArrayList<>(List.of("client"));
        services.stream().map(s -> s.kind().group()).distinct().forEach(groups::add);
        List<YamlNode> items = root.list("links", "links: [{name: gateways-engine-r1, from: gateways, to: engine-r1, ...}]")
                .orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "links[" + i + "]";
            Optional<YamlFields> maybe = YamlFields.of(items.get(i), path, problems, LINK_KEYS,
                    "write {name, from, to, listen, upstream}");
            if (maybe.isEmpty()) {
                continue;
            }
            YamlFields f = maybe.get();
            f.require("name", "name: gateways-engine-r1");
            f.require("from", "from: gateways");
            f.require("to", "to: engine-r1");
            f.require("listen", "listen: 127.0.1.21:9090");
            f.require("upstream", "upstream: 127.0.1.20:9090");
            String name = f.text("name", "name: gateways-engine-r1").orElse(null);
            if (name != null) {
                linkNames.add(name);
            }
            if (name != null && !seen.add(name)) {
                problems.add(f.child("name"), name, "duplicate link name; rename one");
            }
            String from = f.text("from", "from: gateways").orElse(null);
            if (from != null && !groups.contains(from) && !serviceNames.contains(from)) {
                List<String> candidates = new ArrayList<>(groups);
                candidates.addAll(serviceNames);
                problems.add(f.child("from"), from, "not a service or a group (" + String.join(", ", groups) + "); "
                        + Suggestions.fix(from, candidates));
            }
            String to = f.text("to", "to: engine-r1").orElse(null);
            Optional<Service> target = Optional.empty();
            if (to != null) {
                target = services.stream().filter(s -> s.name().equals(to)).findFirst();
                if (!serviceNames.contains(to) && !serviceNames.isEmpty()) {
                    problems.add(f.child("to"), to, "not a service; " + Suggestions.fix(to, List.copyOf(serviceNames)));
                }
            }
            HostPort listen = f.parsed("listen", HostPort::parse, "an address", HOST_PORT_FIX).orElse(null);
            if (listen != null) {
                claim(f.child("listen"), listen, "link " + name);
            }
            HostPort upstream = f.parsed("upstream", HostPort::parse, "an address", HOST_PORT_FIX).orElse(null);
            if (upstream != null && target.isPresent() && !upstream.host().equals(target.get().listen().host())) {
                problems.add(f.child("upstream"), upstream, "not on the host of " + to + " ["
                        + target.get().listen().host() + "]; point the proxy at the service it is named for");
            }
            boolean wan = f.bool("wan", "wan: true").orElse(false);
            if (name != null && from != null && to != null && listen != null && upstream != null) {
                links.add(new Link(name, from, to, listen, upstream, wan));
            }
        }
        return links;
    }

    private List<DnsRecord> records(YamlFields root, String domain) {
        List<DnsRecord> records = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<YamlNode> items = root.list("records", "records: [{name: engine.r1.exchange.test, address: 127.0.1.21}]")
                .orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "records[" + i + "]";
            Optional<YamlFields> maybe = YamlFields.of(items.get(i), path, problems, RECORD_KEYS,
                    "write {name: engine.r1.exchange.test, address: 127.0.1.21}");
            if (maybe.isEmpty()) {
                continue;
            }
            YamlFields f = maybe.get();
            f.require("name", "name: engine.r1.exchange.test");
            f.require("address", "address: 127.0.1.21");
            String name = f.text("name", "name: engine.r1.exchange.test").orElse(null);
            if (name != null) {
                if (!seen.add(name)) {
                    problems.add(f.child("name"), name, "duplicate record; list all its addresses in one record: address: [a, b]");
                } else if (domain != null && !name.endsWith("." + domain)) {
                    problems.add(f.child("name"), name, "not under the domain [" + domain + "]; end it with ." + domain);
                }
            }
            List<String> addresses = addresses(f);
            if (name != null && !addresses.isEmpty()) {
                records.add(new DnsRecord(name, addresses));
            }
        }
        return records;
    }

    private List<String> addresses(YamlFields f) {
        Optional<YamlNode> node = f.node("address");
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> written = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (node.get() instanceof YamlNode.Sequence) {
            List<YamlNode> items = YamlFields.list(node.get(), f.child("address"), problems, "").orElse(List.of());
            for (int i = 0; i < items.size(); i++) {
                String path = f.child("address") + "[" + i + "]";
                YamlFields.text(items.get(i), path, problems, "address: 127.0.1.21").ifPresent(written::add);
                paths.add(path);
            }
            if (items.isEmpty()) {
                problems.add(f.child("address"), null, "empty; give at least one address");
            }
        } else {
            f.text("address", "address: 127.0.1.21").ifPresent(written::add);
            paths.add(f.child("address"));
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            if (IPV4.matcher(written.get(i)).matches()) {
                addresses.add(written.get(i));
            } else {
                problems.add(paths.get(i), written.get(i), "not an IPv4 address; write e.g. 127.0.1.21");
            }
        }
        return addresses;
    }

    private List<String> entrypoints(YamlFields root, List<Link> links) {
        List<String> entrypoints = root.texts("entrypoints", "entrypoints: [client-gateway-r1]").orElse(List.of());
        for (int i = 0; i < entrypoints.size(); i++) {
            String entrypoint = entrypoints.get(i);
            Optional<Link> link = links.stream().filter(l -> l.name().equals(entrypoint)).findFirst();
            if (!linkNames.contains(entrypoint)) {
                problems.add("entrypoints[" + i + "]", entrypoint, "not a link; " + Suggestions.fix(entrypoint, List.copyOf(linkNames)));
            } else if (link.isPresent() && !link.get().from().equals("client")) {
                problems.add("entrypoints[" + i + "]", entrypoint, "the link comes from " + link.get().from()
                        + ", not client; name a link with from: client");
            }
        }
        if (root.has("entrypoints") && entrypoints.isEmpty() && !problems.hasProblemAt("entrypoints")) {
            problems.add("entrypoints", null, "empty; name at least one link the load enters through");
        }
        return entrypoints;
    }

    private Map<Weakness, Path> weaknesses(YamlFields root) {
        Map<Weakness, Path> weaknesses = new EnumMap<>(Weakness.class);
        Optional<YamlNode> node = root.node("weaknesses");
        if (node.isEmpty()) {
            return weaknesses;
        }
        List<String> names = Weakness.ids().stream().filter(w -> !w.equals("none")).toList();
        String example = "weaknesses: {shared-failure-domain: {topology: other.yaml}}";
        Optional<YamlFields> maybe = YamlFields.of(node.get(), "weaknesses", problems, names, example);
        if (maybe.isEmpty()) {
            return weaknesses;
        }
        YamlFields f = maybe.get();
        for (String key : f.keys()) {
            Optional<Weakness> weakness = Weakness.fromId(key).filter(w -> w != Weakness.NONE);
            Optional<YamlFields> entry = f.mapping(key, WEAKNESS_KEYS, "write {topology: other.yaml}");
            if (weakness.isEmpty() || entry.isEmpty()) {
                continue;
            }
            if (!entry.get().require("topology", "topology: multi-region-shared-failure-domain.yaml")) {
                continue;
            }
            entry.get().text("topology", "topology: other.yaml").ifPresent(file -> {
                Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file).normalize();
                if (baseDir != null && !Files.isRegularFile(path)) {
                    problems.add(entry.get().child("topology"), file, "no such file next to this topology; create it or fix the name");
                } else {
                    weaknesses.put(weakness.get(), path);
                }
            });
        }
        return weaknesses;
    }

    /**
     * The adapter named, which must be found on the class path or in this topology's plugins (unless they could not be
     * read, or are relative paths with no directory to resolve them against).
     */
    private AdapterChoice adapter(YamlFields root, List<Path> plugins) {
        String name = root.text("adapter", "adapter: staged-rest").orElse(Adapters.DEFAULT);
        if (root.has("adapter") && name.isBlank() && !problems.hasProblemAt("adapter")) {
            problems.add("adapter", null, "empty; name the exchange adapter, e.g. adapter: staged-rest (./chaos plugins lists them)");
        } else if (!name.isBlank() && !problems.hasProblemAt("plugins") && (baseDir != null || plugins.isEmpty())) {
            Optional<String> unknown = Plugins.current().and(plugins)
                // a class loader that sees no adapter at all is not this file's problem: the run says what is missing
                .with(() -> Adapters.names().isEmpty() || Adapters.names().contains(name) ? Optional.<String>empty()
                    : Optional.of(Adapters.unknown(name)));
            unknown.ifPresent(why -> problems.add("adapter", name, why));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        Optional<YamlNode> node = root.node("adapterConfig");
        if (node.isPresent() && !(node.get() instanceof YamlNode.Scalar s && s.isNull())) {
            if (node.get() instanceof YamlNode.Mapping m) {
                m.entries().forEach((k, e) -> config.put(k, plain(e.value())));
            } else {
                YamlFields.wrongType(node.get(), "adapterConfig", problems, "a mapping", "write adapterConfig: {apiKey: ..., region: eu}");
            }
        }
        Location at = root.has("adapter") ? problems.locationOf("adapter") : new Location(1, 1);
        return new AdapterChoice(name, config, problems.file(), at);
    }

    /** A YAML node as plain Java values, for an adapter's configuration. */
    private static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> map.put(k, plain(e.value())));
            return map;
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> list = new ArrayList<>();
            s.items().forEach(i -> list.add(plain(i)));
            return list;
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        return switch (scalar.type()) {
            case NULL -> null;
            case BOOLEAN -> Boolean.valueOf(scalar.text());
            case INTEGER -> new BigDecimal(scalar.text()).longValue();
            case DECIMAL -> Double.valueOf(scalar.text());
            case STRING -> scalar.text();
        };
    }

    private List<Path> plugins(YamlFields root) {
        List<String> written = root.texts("plugins", "plugins: [lib/my-adapter.jar]").orElse(List.of());
        List<Path> plugins = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            Path path = baseDir == null ? Path.of(written.get(i)) : baseDir.resolve(written.get(i)).normalize();
            Optional<String> problem = baseDir == null ? Optional.empty() : Plugins.problem(path);
            if (problem.isPresent()) {
                problems.add("plugins[" + i + "]", written.get(i), problem.get() + " (paths are relative to this topology file)");
            } else {
                plugins.add(path);
            }
        }
        return plugins;
    }

    /** Two listeners on one address can't both start; report the second. */
    private void claim(String path, HostPort address, String owner) {
        String previous = listeners.putIfAbsent(address, owner);
        if (previous != null) {
            problems.add(path, address, "already used by " + previous + "; give each listener its own address");
        }
    }

    private static Optional<URI> httpUri(String text) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
