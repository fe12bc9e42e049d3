package io.exchangechaos.core.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of scenario files, for editors and CI linters: the fixed parts of the file, and per registered
 * {@link FaultKind} its id, the targets it takes and the schema of its params. It checks spelling and shapes; the
 * loader checks more ({@code ./chaos validate}). The published schema ({@code docs/scenario.schema.json}) is this,
 * generated from the kinds of the whole distribution.
 */
public final class ScenarioSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "scenario-schema-base.json";

    private ScenarioSchema() {
    }

    /** The schema for {@code kinds}, as the published file holds it (two-space indent, a final newline). */
    public static String generate(FaultKinds kinds) {
        ObjectNode schema = base();
        ObjectNode step = (ObjectNode) schema.path("$defs").path("step");
        ObjectNode properties = (ObjectNode) step.path("properties");
        ObjectNode fault = properties.putObject("fault");
        fault.put("description", faultDescription(kinds));
        ArrayNode ids = fault.putArray("enum");
        kinds.ids().forEach(ids::add);
        ObjectNode params = properties.putObject("params");
        params.put("description", paramsDescription(kinds));
        params.put("type", "object");
        ArrayNode allOf = step.putArray("allOf");
        for (FaultKind<?> kind : kinds.all()) {
            ObjectNode clause = allOf.addObject();
            ObjectNode when = clause.putObject("if");
            when.putObject("properties").putObject("fault").put("const", kind.id());
            when.putArray("required").add("fault");
            ObjectNode then = clause.putObject("then");
            Map<String, Object> paramsSchema = kind.paramsSchema();
            if (!required(paramsSchema).isEmpty()) {
                then.putArray("required").add("params");
            }
            ObjectNode thenProperties = then.putObject("properties");
            ArrayNode targets = thenProperties.putObject("target").putObject("propertyNames").putArray("enum");
            kind.targets().stream().sorted().forEach(t -> targets.add(t.id()));
            thenProperties.set("params", JSON.valueToTree(paramsSchema));
        }
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario schema", e);
        }
    }

    /** {@code kill (SIGKILL), terminate (SIGTERM), …: on a service or a region. latency, …: on links. …} */
    private static String faultDescription(FaultKinds kinds) {
        Map<String, List<String>> byActsOn = new LinkedHashMap<>();
        for (FaultKind<?> kind : kinds.all()) {
            byActsOn.computeIfAbsent(kind.family().actsOn(), k -> new ArrayList<>())
                .add(kind.id() + (kind.summary().isEmpty() ? "" : " (" + kind.summary() + ")"));
        }
        List<String> sentences = new ArrayList<>();
        byActsOn.forEach((actsOn, ids) -> sentences.add(String.join(", ", ids) + ": on " + actsOn + "."));
        return "The kind of fault. " + String.join(" ", sentences);
    }

    /** {@code Per fault type: latency {latency, jitter?, stream?}, …; none for the others.} */
    private static String paramsDescription(FaultKinds kinds) {
        List<String> with = new ArrayList<>();
        for (FaultKind<?> kind : kinds.all()) {
            if (!kind.params().isEmpty()) {
                List<String> required = required(kind.paramsSchema());
                with.add(kind.id() + " {" + String.join(", ", kind.params().stream()
                    .map(p -> required.contains(p) ? p : p + "?").toList()) + "}");
            }
        }
        return "Per fault type: " + String.join(", ", with) + "; none for the others.";
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Map<String, Object> paramsSchema) {
        Object required = paramsSchema.get("required");
        return required instanceof List<?> list ? (List<String>) list : List.of();
    }

    private static ObjectNode base() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(BASE)) {
            if (in == null) {
                throw new IllegalStateException(BASE + " is missing from harness-core's jar");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
