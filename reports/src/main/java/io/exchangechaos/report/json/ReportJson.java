package io.exchangechaos.report.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON spelling of a {@link RunOutcome}: {@code report.json} is the outcome's fields, in record order, after
 * a leading {@code schemaVersion}. Absent values are written as {@code null}, never left out, so every contract
 * field is always present.
 */
public final class ReportJson {

    /**
     * Version of {@code report.schema.json}. The minor part grows when fields are added (readers keep working), the
     * major part when a field changes meaning or disappears.
     */
    public static final String SCHEMA_VERSION = "1.1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Two-space indent and '\n' on every platform, so the same outcome always gives the same bytes. */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final java.util.List<String> LISTS =
        java.util.List.of("reasons", "budgets", "invariants", "faults", "phases", "perSecond", "notes");

    private ReportJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The report as a tree: {@code schemaVersion} first, then every field of the outcome. */
    public static ObjectNode toTree(RunOutcome outcome) {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("schemaVersion", SCHEMA_VERSION);
        report.setAll((ObjectNode) MAPPER.valueToTree(outcome));
        // A list nobody filled is an empty list to a reader; null would make every consumer check twice.
        for (String list : LISTS) {
            if (report.path(list).isNull()) {
                report.putArray(list);
            }
        }
        return report;
    }

    public static String toJson(RunOutcome outcome) {
        return pretty(toTree(outcome));
    }

    /** Indented JSON with '\n' line ends and a final newline. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Reads a {@code report.json} (or a bare outcome) back; fields this version does not know are ignored. */
    public static RunOutcome read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunOutcome.class);
    }

    public static RunOutcome parse(String json) {
        try {
            return MAPPER.readValue(json, RunOutcome.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(JsonNode node, Path file) throws IOException {
        Files.writeString(file, pretty(node));
    }
}
