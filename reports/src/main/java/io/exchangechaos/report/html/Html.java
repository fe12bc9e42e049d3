package io.exchangechaos.report.html;

import java.util.Locale;

/** Escaping for text and attribute values in HTML and inline SVG: everything from an outcome goes through here. */
public final class Html {

    private Html() {
    }

    /** Safe in element content and in quoted attribute values; null becomes the empty string. */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // C0 controls other than tab/newline are not allowed in HTML text; drop them visibly
                    boolean control = c < 0x20 && c != '\n' && c != '\t' || c == 0x7F;
                    out.appendCodePoint(control ? 0xFFFD : c);
                }
            }
        });
        return out.toString();
    }

    /** A token safe for a class name or id fragment: lower-case letters, digits and '-'. */
    public static String token(String value) {
        if (value == null) {
            return "none";
        }
        String t = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.isEmpty() ? "none" : t;
    }
}
