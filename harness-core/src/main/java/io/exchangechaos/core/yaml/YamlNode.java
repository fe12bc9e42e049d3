package io.exchangechaos.core.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

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
     * a duplicate key, an empty document, text that is no text (NULs), or a document beyond the parser's limits
     * ({@link YamlText#MAX_NESTING} levels, {@link YamlText#MAX_BYTES} characters).
     */
    static Optional<YamlNode> parse(String yaml, Problems problems) {
        if (!YamlText.check(yaml, problems)) {
            return Optional.empty();
        }
        try (JsonParser parser = YamlText.factory().createParser(yaml)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    problems.at(new Location(1, 1), "", null, "the file is empty; write the definition as a YAML mapping");
                    return Optional.empty();
                }
                YamlNode root = read(parser, problems, "");
                return Optional.of(root);
            } catch (StreamConstraintsException e) {
                // the exception carries no location; the parser stands on the bracket or key that crossed the limit
                problems.at(location(parser.currentTokenLocation()), "", null, "nested more than " + YamlText.MAX_NESTING
                        + " levels deep (mappings and lists inside each other); a definition nests a few levels: check the "
                        + "brackets and indentation here");
                return Optional.empty();
            } catch (StreamReadException e) {
                problems.at(syntaxLocation(e, yaml), "", null, syntaxMessage(e));
                return Optional.empty();
            }
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

    private static Location syntaxLocation(StreamReadException e, String yaml) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return new Location(mark.getLine() + 1, mark.getColumn() + 1);
        }
        if (e.getCause() instanceof ReaderException unreadable) {
            // SnakeYAML gives the offending character's position in code points, and no line
            int at = yaml.offsetByCodePoints(0, Math.min(unreadable.getPosition(), yaml.codePointCount(0, yaml.length())));
            return YamlText.locationAfter(yaml.substring(0, at));
        }
        if (tooLong(e)) {
            return new Location(1, 1);
        }
        JsonLocation location = e.getLocation();
        return location == null ? new Location(1, 1) : location(location);
    }

    private static String syntaxMessage(StreamReadException e) {
        if (e.getCause() instanceof ReaderException unreadable) {
            return String.format("the character U+%04X is not allowed in YAML (a control character); remove it, or save the "
                    + "file as plain UTF-8 text", unreadable.getCodePoint());
        }
        if (tooLong(e)) {
            return "the text is longer than " + YamlText.MAX_BYTES + " characters, and a definition is a few thousand; "
                    + "check that this is the file you meant";
        }
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

    /** SnakeYAML's code point limit: a plain {@link YAMLException} that says only that in its message. */
    private static boolean tooLong(StreamReadException e) {
        return e.getCause() instanceof YAMLException y && !(y instanceof MarkedYAMLException) && !(y instanceof ReaderException)
                && String.valueOf(y.getMessage()).contains("exceeds the limit");
    }
}
