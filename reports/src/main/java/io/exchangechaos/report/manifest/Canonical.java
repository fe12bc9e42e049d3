package io.exchangechaos.report.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.json.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The byte form that gets hashed: JSON with object keys sorted, no whitespace, UTF-8; and SHA-256 as lower-case hex.
 * Sorted keys make the hash independent of field order, so any JSON tool can recompute it.
 */
final class Canonical {

    private Canonical() {
    }

    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",").append(string(keys.get(i))).append(':');
                append(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            for (boolean first = true; items.hasNext(); first = false) {
                out.append(first ? "" : ",");
                append(items.next(), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String string(String s) {
        try {
            return ReportJson.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry's content: the entry without its own chain fields. */
    static ObjectNode content(JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove(List.of(ManifestWriter.PREV, ManifestWriter.HASH));
        return copy;
    }

    /** {@code sha256(prev + canonical(content))}, hex: the link of one chain entry. */
    static String link(String prev, JsonNode content) {
        return sha256(prev + json(content));
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
