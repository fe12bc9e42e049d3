package io.exchangechaos.core.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, located access to one YAML mapping: reports unknown keys (with "did you mean"), missing required keys and
 * values of the wrong type into {@link Problems}, and returns empty for anything it reported.
 *
 * <p>Shared by the topology and scenario readers. Only spelling is checked here; what the values mean is checked by
 * the model's validator.
 */
public final class YamlFields {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Problems problems;

    private YamlFields(YamlNode.Mapping mapping, String path, Problems problems, List<String> knownKeys) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        for (YamlNode.Entry entry : mapping.entries().values()) {
            String childPath = child(entry.key());
            problems.locate(childPath, entry.keyLocation(), entry.value().location());
            if (!knownKeys.contains(entry.key())) {
                problems.at(entry.keyLocation(), childPath, null, "unknown key; " + Suggestions.fix(entry.key(), knownKeys));
            }
        }
    }

    /** Reads {@code node} as a mapping with {@code knownKeys}; reports and returns empty if it is something else. */
    public static Optional<YamlFields> of(YamlNode node, String path, Problems problems, List<String> knownKeys, String example) {
        if (node instanceof YamlNode.Mapping mapping) {
            return Optional.of(new YamlFields(mapping, path, problems, knownKeys));
        }
        wrongType(node, path, problems, "a mapping", example);
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public Location location() {
        return mapping.location();
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    public Optional<YamlNode> node(String key) {
        return mapping.get(key);
    }

    public List<String> keys() {
        return List.copyOf(mapping.entries().keySet());
    }

    /** Reports {@code key} as missing (pointing at this mapping) unless it is present. */
    public boolean require(String key, String example) {
        if (has(key)) {
            return true;
        }
        problems.at(mapping.location(), child(key), null, "missing; add it, e.g. " + example);
        return false;
    }

    public Optional<String> text(String key, String example) {
        return node(key).flatMap(n -> text(n, child(key), problems, example));
    }

    public Optional<Duration> duration(String key, String example) {
        return node(key).flatMap(n -> duration(n, child(key), problems, example));
    }

    public Optional<Double> decimal(String key, String example) {
        return node(key).flatMap(n -> decimal(n, child(key), problems, example));
    }

    public Optional<Integer> integer(String key, String example) {
        return node(key).flatMap(n -> integer(n, child(key), problems, example));
    }

    public Optional<Boolean> bool(String key, String example) {
        return node(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text()));
            }
            wrongType(n, child(key), problems, "true or false", example);
            return Optional.empty();
        });
    }

    /** A list; each item is located as {@code key[i]}. */
    public Optional<List<YamlNode>> list(String key, String example) {
        return node(key).flatMap(n -> list(n, child(key), problems, example));
    }

    /** A list of texts; a bad item is reported and left out. */
    public Optional<List<String>> texts(String key, String example) {
        return list(key, example).map(items -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                text(items.get(i), child(key) + "[" + i + "]", problems, example).ifPresent(out::add);
            }
            return out;
        });
    }

    public Optional<YamlFields> mapping(String key, List<String> knownKeys, String example) {
        return node(key).flatMap(n -> of(n, child(key), problems, knownKeys, example));
    }

    /** Reads a scalar with {@code parser}; when it returns empty, reports {@code fix} for the value. */
    public <T> Optional<T> parsed(String key, Function<String, Optional<T>> parser, String what, String fix) {
        return node(key).flatMap(n -> parsed(n, child(key), problems, parser, what, fix));
    }

    // --- the same, for nodes that are not under a key (list items) ---

    public static Optional<String> text(YamlNode node, String path, Problems problems, String example) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        wrongType(node, path, problems, "text", example);
        return Optional.empty();
    }

    public static Optional<Duration> duration(YamlNode node, String path, Problems problems, String example) {
        return parsed(node, path, problems, Durations::parse, "a duration", Durations.HOW_TO_WRITE);
    }

    public static Optional<Double> decimal(YamlNode node, String path, Problems problems, String example) {
        if (node instanceof YamlNode.Scalar s && (s.type() == YamlNode.ScalarType.INTEGER || s.type() == YamlNode.ScalarType.DECIMAL)) {
            try {
                // YAML allows 1_000; BigDecimal does not (found by the loader's fuzz target)
                return Optional.of(new BigDecimal(s.text().replace("_", "")).doubleValue());
            } catch (NumberFormatException e) {
                problems.add(path, s.text(), "not a number this loader can read; " + example);
                return Optional.empty();
            }
        }
        wrongType(node, path, problems, "a number", example);
        return Optional.empty();
    }

    public static Optional<Integer> integer(YamlNode node, String path, Problems problems, String example) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER) {
            try {
                return Optional.of(Integer.parseInt(s.text().replace("_", "")));
            } catch (NumberFormatException e) {
                problems.add(path, s.text(), "too large; write a whole number below 2147483648");
                return Optional.empty();
            }
        }
        wrongType(node, path, problems, "a whole number", example);
        return Optional.empty();
    }

    public static Optional<List<YamlNode>> list(YamlNode node, String path, Problems problems, String example) {
        if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                YamlNode item = sequence.items().get(i);
                problems.locate(path + "[" + i + "]", item.location(), item.location());
            }
            return Optional.of(sequence.items());
        }
        wrongType(node, path, problems, "a list", example);
        return Optional.empty();
    }

    public static <T> Optional<T> parsed(YamlNode node, String path, Problems problems,
                                         Function<String, Optional<T>> parser, String what, String fix) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            Optional<T> value = parser.apply(s.text());
            if (value.isEmpty()) {
                problems.add(path, s.text(), "not " + what + "; " + fix);
            }
            return value;
        }
        wrongType(node, path, problems, what, fix);
        return Optional.empty();
    }

    public static void wrongType(YamlNode node, String path, Problems problems, String expected, String example) {
        String value = node instanceof YamlNode.Scalar s ? s.text() : null;
        problems.add(path, value, "expected " + expected + ", got " + node.describe() + "; " + example);
    }
}
