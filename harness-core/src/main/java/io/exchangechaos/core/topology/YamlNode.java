package io.exchangechaos.core.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree that remembers where every key and value was written, so that problems found
 * long after parsing still point at {@code file:line:col}.
 *
 * <p>Read with Jackson's streaming YAML parser; its token locations are the snakeyaml marks, 1-based.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Location location();

    /** What the node is, for "wrong type" messages: {@code a mapping}, {@code a list}, {@code a number}… */
    String describe();

    /** A key of a mapping, where it was written, and its value. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<YamlNode> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::value);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar as written; {@code type} is how YAML reads it. */
    record Scalar(Location location, String text, ScalarType type) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "text";
                case INTEGER, DECIMAL -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "empty";
            };
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }
    }

    enum ScalarType { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    /**
     * Parses {@code yaml}; returns empty and adds a located problem to {@code problems} on a syntax error,
     * a duplicate key, or an empty document.
     */
    static Optional<YamlNode> parse(String yaml, Problems problems) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.at(new Location(1, 1), "", null, "the file is empty; write the definition as a YAML mapping");
                return Optional.empty();
            }
            YamlNode root = read(parser, problems, "");
            return Optional.of(root);
        } catch (StreamReadException e) {
            problems.at(syntaxLocation(e), "", null, syntaxMessage(e));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YamlNode read(JsonParser parser, Problems problems, String path) throws IOException {
        Location location = location(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyLocation = location(parser.currentTokenLocation());
                    parser.nextToken();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = read(parser, problems, childPath);
                    if (entries.containsKey(key)) {
                        Location firstAt = entries.get(key).keyLocation();
                        problems.at(keyLocation, childPath, null, "duplicate key (first written at line " + firstAt.line()
                                + "); keep one");
                    } else {
                        entries.put(key, new Entry(key, keyLocation, value));
                    }
                }
                return new Mapping(location, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, problems, path + "[" + items.size() + "]"));
                }
                return new Sequence(location, items);
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(location, parser.getText(), ScalarType.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(location, parser.getText(), ScalarType.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(location, parser.getText(), ScalarType.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new Scalar(location, "", ScalarType.NULL);
            }
            default -> {
                return new Scalar(location, parser.getText(), ScalarType.STRING);
            }
        }
    }

    private static Location location(JsonLocation location) {
        return new Location(location.getLineNr(), location.getColumnNr());
    }

    private static Location syntaxLocation(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return new Location(mark.getLine() + 1, mark.getColumn() + 1);
        }
        JsonLocation location = e.getLocation();
        return location == null ? new Location(1, 1) : location(location);
    }

    private static String syntaxMessage(StreamReadException e) {
        String problem;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            problem = marked.getProblem();
            if (marked.getContext() != null) {
                problem = problem + " (" + marked.getContext() + ")";
            }
        } else {
            problem = e.getOriginalMessage().lines().findFirst().orElse("unreadable YAML");
        }
        return "YAML syntax error: " + problem.strip() + "; check indentation, colons and quotes here";
    }
}
