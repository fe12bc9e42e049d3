package io.exchangechaos.fault.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A child process that proves it is alive: a shell loop rewriting a counter into a file every 50 ms. */
public final class Heartbeat {
    private Heartbeat() {
    }

    public static List<String> command(Path file) {
        String f = file.toAbsolutePath().toString();
        return List.of("sh", "-c", "i=0; while :; do i=$((i+1)); echo $i > '" + f + ".tmp' && mv '" + f + ".tmp' '" + f
            + "'; sleep 0.05; done");
    }

    /** The counter, or -1 while there is none yet. */
    public static long beat(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
