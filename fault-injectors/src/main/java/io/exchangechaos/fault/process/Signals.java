package io.exchangechaos.fault.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals by pid. The JDK can send only SIGTERM and SIGKILL ({@link ProcessHandle#destroy()}), so SIGSTOP and
 * SIGCONT go through {@code kill(1)}.
 */
public final class Signals {
    private Signals() {
    }

    public static void stop(long pid) throws IOException {
        send("STOP", pid);
    }

    public static void cont(long pid) throws IOException {
        send("CONT", pid);
    }

    public static void term(long pid) throws IOException {
        send("TERM", pid);
    }

    public static void kill(long pid) throws IOException {
        send("KILL", pid);
    }

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code pid}. */
    public static void send(String signal, long pid) throws IOException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IOException("kill -s " + signal + " " + pid + " did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending SIG" + signal + " to pid " + pid, e);
        }
        if (kill.exitValue() != 0) {
            String out = new String(kill.getInputStream().readAllBytes()).trim();
            throw new IOException("kill -s " + signal + " " + pid + " failed (exit " + kill.exitValue() + "): " + out);
        }
    }
}
