package io.exchangechaos.server.proxy.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Request paths as Toxiproxy's router (gorilla/mux on Go's net/url) reads and cleans them. */
final class GoPaths {
    private static final String HEX = "0123456789ABCDEF";

    private GoPaths() {
    }

    /** Percent-decoded ({@code +} stays a plus); null when an escape is malformed. */
    static String decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            if (i + 2 >= bytes.length) {
                return null;
            }
            int hi = Character.digit(bytes[i + 1], 16);
            int lo = Character.digit(bytes[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * gorilla/mux's {@code cleanPath}: Go's {@code path.Clean} (one slash at a time, no {@code .}, {@code ..} taking
     * the element before it) with a trailing slash kept. A request whose path is not clean is redirected there.
     */
    static String clean(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        Deque<String> kept = new ArrayDeque<>();
        for (String element : p.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(element);
            }
        }
        String cleaned = "/" + String.join("/", kept);
        if (p.endsWith("/") && !cleaned.equals("/")) {
            cleaned += "/";
        }
        return cleaned;
    }

    /** The path escaped for a {@code Location} header as Go's {@code url.URL} writes it. */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~$&+,/:;=@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }
}
