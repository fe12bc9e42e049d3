package io.exchangechaos.server.proxy.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One toxic as the API sees it. {@code attributes} always holds every attribute of the type
 * (missing ones are 0), in the type's order; unknown keys are dropped, as Toxiproxy does.
 *
 * @param toxicity probability in [0, 1] that the toxic applies to a connection and direction
 */
public record Toxic(String name, ToxicType type, ToxicStream stream, float toxicity, Map<String, Long> attributes) {

    public Toxic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        attributes = complete(type, attributes == null ? Map.of() : attributes);
    }

    public static Toxic of(String name, ToxicType type, ToxicStream stream, float toxicity, Map<String, Long> attributes) {
        return new Toxic(name, type, stream, toxicity, attributes);
    }

    public long attribute(String attributeName) {
        Long value = attributes.get(attributeName);
        if (value == null) {
            throw new IllegalArgumentException("toxic type [" + type.wireName() + "] has no attribute [" + attributeName + "]");
        }
        return value;
    }

    /** A copy with the given attributes merged over the current ones. */
    public Toxic withAttributes(Map<String, Long> changes) {
        Map<String, Long> merged = new LinkedHashMap<>(attributes);
        merged.putAll(changes);
        return new Toxic(name, type, stream, toxicity, merged);
    }

    public Toxic withToxicity(float newToxicity) {
        return new Toxic(name, type, stream, newToxicity, attributes);
    }

    private static Map<String, Long> complete(ToxicType type, Map<String, Long> given) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (String attributeName : type.attributeNames()) {
            Long value = given.get(attributeName);
            all.put(attributeName, value == null ? 0L : value);
        }
        return Collections.unmodifiableMap(all);
    }
}
