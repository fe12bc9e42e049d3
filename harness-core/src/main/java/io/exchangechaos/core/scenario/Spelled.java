package io.exchangechaos.core.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enum constant with the one spelling used in scenario files; {@link #parse} and {@link #ids} read and list them. */
public interface Spelled {

    String id();

    static <E extends Enum<E> & Spelled> Optional<E> parse(Class<E> type, String id) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
    }

    static <E extends Enum<E> & Spelled> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Spelled::id).toList();
    }
}
