package io.exchangechaos.core.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON Schema fragments of {@link FaultKind#paramsSchema()}, with keys in the order given. */
public final class ParamsSchema {

    private ParamsSchema() {
    }

    /** A params mapping: no other keys, {@code required} required, then each property's name and schema, in order. */
    public static Map<String, Object> of(List<String> required, Object... properties) {
        return obj("additionalProperties", false, "required", required, "properties", obj(properties));
    }

    /** A duration, written with its unit ({@code 500ms}, {@code 2s}). */
    public static Map<String, Object> duration(String description) {
        return obj("$ref", "#/$defs/duration", "description", description);
    }

    /** A JSON object from keys and values, in order. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs; got " + keysAndValues.length + " items");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
