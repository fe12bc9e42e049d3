package io.exchangechaos.server.proxy.model;

import java.util.Locale;
import java.util.Optional;

/** Which way a toxic acts: {@code upstream} is client to server, {@code downstream} server to client. */
public enum ToxicStream {
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream");

    private final String wireName;

    ToxicStream(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Case-insensitive, like Toxiproxy's {@code strings.ToLower(stream)}. */
    public static Optional<ToxicStream> parse(String stream) {
        if (stream == null) {
            return Optional.empty();
        }
        String lower = stream.toLowerCase(Locale.ROOT);
        for (ToxicStream d : values()) {
            if (d.wireName.equals(lower)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
