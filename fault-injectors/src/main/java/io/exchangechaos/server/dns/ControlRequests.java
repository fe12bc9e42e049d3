package io.exchangechaos.server.dns;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads control API requests into values, collecting every problem with the field it concerns.
 * Unknown fields are problems too: a misspelt {@code latencyMS} must not silently become "no delay".
 */
final class ControlRequests {

    static final String FAULT_EXAMPLE = "{\"pattern\":\"engine.r1.exchange.test\",\"mode\":\"NXDOMAIN\"}";
    static final String RECORD_EXAMPLE = "{\"addresses\":[\"127.0.1.21\"],\"ttlSeconds\":5}";
    private static final List<String> FAULT_FIELDS = List.of("pattern", "mode", "latencyMs", "address");
    private static final List<String> RECORD_FIELDS = List.of("addresses", "ttlSeconds");
    static final List<String> QUERY_PARAMETERS = List.of("name", "since", "limit");

    private ControlRequests() {
    }

    static FaultSpec fault(byte[] body, Zone zone) {
        JsonNode json = object(body, FAULT_EXAMPLE);
        List<String> problems = unknownFields(json, FAULT_FIELDS);
        // Fields present but unreadable are reported once, not again as "missing".
        Set<String> unreadable = new HashSet<>();
        String pattern = text(json, "pattern", "like \"engine.r1.exchange.test\"", problems, unreadable);
        FaultMode mode = null;
        String modeText = text(json, "mode", "like \"NXDOMAIN\"", problems, unreadable);
        if (modeText != null) {
            mode = FaultMode.parse(modeText).orElse(null);
            if (mode == null) {
                problems.add("mode [" + modeText + "] is not a fault mode; use one of " + FaultMode.CHOICES);
                unreadable.add("mode");
            }
        }
        Duration latency = null;
        if (json.hasNonNull("latencyMs")) {
            JsonNode value = json.get("latencyMs");
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                latency = Duration.ofMillis(value.asLong());
            } else {
                problems.add("latencyMs [" + show(value) + "] must be a whole number of milliseconds, e.g. 2000");
                unreadable.add("latencyMs");
            }
        }
        Inet4Address address = null;
        String addressText = text(json, "address", "like \"127.0.0.254\"", problems, unreadable);
        if (addressText != null) {
            address = DnsNames.parseIpv4(addressText).orElse(null);
            if (address == null) {
                problems.add("address [" + addressText + "] is not an IPv4 address; use one in 127.0.0.0/8, e.g. 127.0.0.254");
            }
        }
        for (String problem : FaultSpec.problems(pattern, mode, latency, address)) {
            if (unreadable.stream().noneMatch(field -> problem.startsWith(field + " is missing"))) {
                problems.add(problem);
            }
        }
        if (pattern != null && NamePattern.parse(pattern).isPresent()) {
            zone.outsideProblem("pattern", pattern).ifPresent(problems::add);
        }
        InvalidInputException.throwIfAny(problems);
        return new FaultSpec(pattern, mode, latency, address);
    }

    /** A record from a PUT body; no ttlSeconds means the server's default TTL. */
    static ZoneRecord record(String name, byte[] body, Zone zone, Duration defaultTtl) {
        JsonNode json = object(body, RECORD_EXAMPLE);
        List<String> problems = unknownFields(json, RECORD_FIELDS);
        List<Inet4Address> addresses = null;
        if (json.hasNonNull("addresses")) {
            JsonNode array = json.get("addresses");
            if (!array.isArray()) {
                problems.add("addresses must be a list of IPv4 addresses, e.g. [\"127.0.1.21\"]");
            } else {
                addresses = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    Optional<Inet4Address> address = array.get(i).isTextual()
                            ? DnsNames.parseIpv4(array.get(i).asText())
                            : Optional.empty();
                    if (address.isEmpty()) {
                        problems.add("addresses[" + i + "] [" + show(array.get(i))
                                + "] is not an IPv4 address; write four numbers, e.g. 127.0.1.21");
                    } else {
                        addresses.add(address.get());
                    }
                }
            }
        }
        Duration ttl = defaultTtl;
        if (json.hasNonNull("ttlSeconds")) {
            JsonNode value = json.get("ttlSeconds");
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                ttl = Duration.ofSeconds(value.asLong());
            } else {
                problems.add("ttlSeconds [" + show(value) + "] must be a whole number of seconds from 0 to "
                        + ZoneRecord.MAX_TTL.toSeconds());
                ttl = null;
            }
        }
        boolean addressesUnreadable = json.hasNonNull("addresses") && addresses == null;
        for (String problem : ZoneRecord.problems(name, addresses, ttl == null ? defaultTtl : ttl)) {
            if (!(addressesUnreadable && problem.startsWith("addresses is missing"))) {
                problems.add(problem);
            }
        }
        if (DnsNames.isValidName(DnsNames.canonical(name))) {
            zone.outsideProblem("name", name).ifPresent(problems::add);
        }
        InvalidInputException.throwIfAny(problems);
        return new ZoneRecord(name, addresses, ttl);
    }

    static QueryFilter queryFilter(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        String name = parameters.get("name");
        Instant since = null;
        if (parameters.containsKey("since")) {
            try {
                since = Instant.parse(parameters.get("since"));
            } catch (DateTimeParseException e) {
                problems.add("since [" + parameters.get("since") + "] is not an ISO-8601 instant; write e.g. 2025-10-20T06:48:00Z");
            }
        }
        int limit = QueryFilter.MAX_LIMIT;
        if (parameters.containsKey("limit")) {
            String text = parameters.get("limit");
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > QueryFilter.MAX_LIMIT) {
                problems.add("limit [" + text + "] must be a whole number from 1 to " + QueryFilter.MAX_LIMIT);
            }
        }
        InvalidInputException.throwIfAny(problems);
        return new QueryFilter(name == null || name.isBlank() ? null : name, since, limit);
    }

    /** Problems for query parameters an endpoint does not know. */
    static List<String> unknownParameters(Set<String> given, List<String> known) {
        List<String> problems = new ArrayList<>();
        for (String parameter : given) {
            if (!known.contains(parameter)) {
                problems.add(known.isEmpty()
                        ? "unknown query parameter [" + parameter + "]; this endpoint takes none"
                        : "unknown query parameter [" + parameter + "]; known: " + String.join(", ", known));
            }
        }
        return problems;
    }

    private static JsonNode object(byte[] body, String example) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidInputException("request body is empty; send a JSON object like " + example);
        }
        JsonNode json;
        try {
            json = DnsJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidInputException("request body is not valid JSON" + where + "; send a JSON object like " + example);
        } catch (IOException e) {
            throw new InvalidInputException("request body could not be read; send a JSON object like " + example);
        }
        if (!json.isObject()) {
            throw new InvalidInputException("request body must be a JSON object, not " + kind(json) + "; send one like " + example);
        }
        return json;
    }

    private static List<String> unknownFields(JsonNode json, List<String> known) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add("unknown field [" + name + "]; known fields: " + String.join(", ", known));
            }
        }
        return problems;
    }

    /** A string field, or null when absent; a problem when present but not a string. */
    private static String text(JsonNode json, String field, String example, List<String> problems, Set<String> unreadable) {
        if (!json.hasNonNull(field)) {
            return null;
        }
        JsonNode value = json.get(field);
        if (!value.isTextual()) {
            problems.add(field + " [" + show(value) + "] must be a string, " + example);
            unreadable.add(field);
            return null;
        }
        return value.asText();
    }

    private static String show(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String kind(JsonNode json) {
        if (json.isArray()) {
            return "an array";
        }
        if (json.isTextual()) {
            return "a string";
        }
        if (json.isNumber()) {
            return "a number";
        }
        if (json.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
