package io.exchangechaos.report.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The published JSON Schema of {@code report.json} (draft 2020-12), from the classpath resource {@value #RESOURCE}.
 */
public final class ReportSchema {

    public static final String RESOURCE = "/io/exchangechaos/report/report.schema.json";

    private static final JsonSchema SCHEMA = load();

    private ReportSchema() {
    }

    /** Every way the report departs from the schema, one line each with its JSON path; empty when it conforms. */
    public static List<String> validate(JsonNode report) {
        return SCHEMA.validate(report).stream()
            .sorted(Comparator.comparing(ValidationMessage::getInstanceLocation, Comparator.comparing(Object::toString))
                .thenComparing(ValidationMessage::getMessage))
            .map(ValidationMessage::getMessage)
            .toList();
    }

    /** The schema document itself. */
    public static JsonNode document() {
        try (InputStream in = ReportSchema.class.getResourceAsStream(RESOURCE)) {
            return ReportJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static JsonSchema load() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document());
    }
}
