package io.exchangechaos.report.signing;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468): one {@code -----BEGIN LABEL-----} block, base64 of DER between the markers. Reads what people
 * paste into CI secrets: surrounding text, CRLF, indentation, and line breaks written as a literal {@code \n}.
 */
final class Pem {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final int LINE = 64;

    /** @param body the base64 between the markers, without whitespace */
    record Block(String label, String body, byte[] der) {
    }

    private Pem() {
    }

    /**
     * The first PEM block of {@code text}.
     *
     * @param source where the text came from, e.g. {@code --key [keys/chaos-signing.pub]}
     * @param fix    what to do instead, appended to every message
     */
    static Block read(String text, String source, String fix) throws UnusableKeyException {
        String t = text.replace("\\n", "\n").replace("\r", "");
        if (t.isBlank()) {
            throw new UnusableKeyException(source + ": empty; " + fix);
        }
        Matcher begin = BEGIN.matcher(t);
        if (!begin.find()) {
            throw new UnusableKeyException(source + ": not a PEM key (no -----BEGIN …----- line); " + fix);
        }
        String label = begin.group(1);
        String endMarker = "-----END " + label + "-----";
        int end = t.indexOf(endMarker, begin.end());
        if (end < 0) {
            throw new UnusableKeyException(source + ": truncated: the " + label.toLowerCase() + " has no " + endMarker
                + " line; copy the whole key, both marker lines included");
        }
        String body = t.substring(begin.end(), end).replaceAll("\\s+", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new UnusableKeyException(source + ": the " + label.toLowerCase() + "'s base64 is damaged ("
                + e.getMessage() + "); copy the key again, or " + fix);
        }
        if (der.length == 0) {
            throw new UnusableKeyException(source + ": the " + label.toLowerCase() + " is empty between its marker lines; "
                + fix);
        }
        return new Block(label, body, der);
    }

    static String write(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE) {
            out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }
}
