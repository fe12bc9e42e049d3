package io.exchangechaos.server.dns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON spelling of the DNS fault server's values, used by the HTTP API, the client and
 * the JSONL query log. Written by hand so durations carry their unit ({@code latencyMs},
 * {@code ttlSeconds}) and instants are ISO-8601 strings.
 */
final class DnsJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DnsJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode record(ZoneRecord record) {
        ObjectNode node = object().put("name", record.name());
        ArrayNode addresses = node.putArray("addresses");
        record.addressTexts().forEach(addresses::add);
        return node.put("ttlSeconds", record.ttl().toSeconds());
    }

    static ZoneRecord record(JsonNode node) {
        return new ZoneRecord(node.path("name").asText(), addresses(node.path("addresses")),
                Duration.ofSeconds(node.path("ttlSeconds").asLong()));
    }

    static ObjectNode faultSpec(FaultSpec spec) {
        ObjectNode node = object().put("pattern", spec.pattern()).put("mode", spec.mode().name());
        if (spec.latency() != null) {
            node.put("latencyMs", spec.latency().toMillis());
        }
        if (spec.address() != null) {
            node.put("address", DnsNames.text(spec.address()));
        }
        return node;
    }

    static ObjectNode fault(ActiveDnsFault fault) {
        ObjectNode node = object().put("id", fault.id());
        node.setAll(faultSpec(fault.spec()));
        return node.put("activatedAt", fault.activatedAt().toString());
    }

    static ActiveDnsFault fault(JsonNode node) {
        FaultMode mode = FaultMode.valueOf(node.path("mode").asText());
        Duration latency = node.hasNonNull("latencyMs") ? Duration.ofMillis(node.get("latencyMs").asLong()) : null;
        Inet4Address address = node.hasNonNull("address") ? DnsNames.ipv4(node.get("address").asText()) : null;
        return new ActiveDnsFault(node.path("id").asText(), new FaultSpec(node.path("pattern").asText(), mode, latency, address),
                Instant.parse(node.path("activatedAt").asText()));
    }

    static ObjectNode entry(QueryLogEntry entry) {
        ObjectNode node = object()
                .put("time", entry.time().toString())
                .put("client", entry.client())
                .put("transport", entry.transport().name())
                .put("name", entry.name())
                .put("type", entry.type())
                .put("outcome", entry.outcome().name())
                .put("rcode", entry.rcode());
        ArrayNode addresses = node.putArray("addresses");
        entry.addresses().forEach(addresses::add);
        node.put("delayMs", entry.delay().toMillis());
        node.put("faultId", entry.faultId());
        node.put("faultMode", entry.faultMode() == null ? null : entry.faultMode().name());
        return node;
    }

    static QueryLogEntry entry(JsonNode node) {
        List<String> addresses = new ArrayList<>();
        node.path("addresses").forEach(a -> addresses.add(a.asText()));
        return new QueryLogEntry(Instant.parse(node.path("time").asText()), node.path("client").asText(),
                Transport.valueOf(node.path("transport").asText()), node.path("name").asText(), node.path("type").asText(),
                QueryOutcome.valueOf(node.path("outcome").asText()), addresses,
                Duration.ofMillis(node.path("delayMs").asLong()), textOrNull(node, "faultId"),
                node.hasNonNull("faultMode") ? FaultMode.valueOf(node.get("faultMode").asText()) : null);
    }

    static ObjectNode counts(QueryCounts counts) {
        ObjectNode node = object();
        ObjectNode byName = node.putObject("byName");
        counts.byName().keySet().stream().sorted().forEach(name -> {
            ObjectNode outcomes = byName.putObject(name);
            new EnumMap<>(counts.byName().get(name)).forEach((outcome, n) -> outcomes.put(outcome.name(), n));
        });
        ObjectNode byFault = node.putObject("byFault");
        counts.byFault().keySet().stream().sorted().forEach(id -> byFault.put(id, counts.byFault().get(id)));
        return node;
    }

    static QueryCounts counts(JsonNode node) {
        Map<String, Map<QueryOutcome, Long>> byName = new HashMap<>();
        node.path("byName").properties().forEach(name -> {
            Map<QueryOutcome, Long> outcomes = new EnumMap<>(QueryOutcome.class);
            name.getValue().properties().forEach(o -> outcomes.put(QueryOutcome.valueOf(o.getKey()), o.getValue().asLong()));
            byName.put(name.getKey(), outcomes);
        });
        Map<String, Long> byFault = new HashMap<>();
        node.path("byFault").properties().forEach(f -> byFault.put(f.getKey(), f.getValue().asLong()));
        return new QueryCounts(byName, byFault);
    }

    static ObjectNode status(DnsServerStatus status) {
        return object()
                .put("status", "UP")
                .put("zone", status.zone())
                .put("udp", status.udp())
                .put("tcp", status.tcp())
                .put("control", status.control())
                .put("startedAt", status.startedAt().toString())
                .put("activeFaults", status.activeFaults())
                .put("queries", status.queries())
                .put("overloadDrops", status.overloadDrops());
    }

    static DnsServerStatus status(JsonNode node) {
        return new DnsServerStatus(node.path("zone").asText(), node.path("udp").asText(), node.path("tcp").asText(),
                textOrNull(node, "control"), Instant.parse(node.path("startedAt").asText()),
                node.path("activeFaults").asInt(), node.path("queries").asLong(), node.path("overloadDrops").asLong());
    }

    static ObjectNode error(int status, List<String> problems) {
        ObjectNode node = object().put("error", String.join("\n", problems)).put("status", status);
        if (problems.size() > 1) {
            ArrayNode list = node.putArray("problems");
            problems.forEach(list::add);
        }
        return node;
    }

    private static List<Inet4Address> addresses(JsonNode array) {
        List<Inet4Address> addresses = new ArrayList<>();
        array.forEach(a -> addresses.add(DnsNames.ipv4(a.asText())));
        return addresses;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
