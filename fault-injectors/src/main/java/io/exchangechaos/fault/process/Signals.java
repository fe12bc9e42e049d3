package io.exchangechaos.fault.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * POSIX signals by pid. SIGTERM and SIGKILL go straight from this JVM ({@link ProcessHandle#destroy()}, one system
 * call, no process started: forking {@code kill(1)} from a busy JVM is slow, and a kill is not in effect until it is
 * sent); the JDK cannot send the others, so SIGSTOP and SIGCONT go through {@code kill(1)}.
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
        send(signal, List.of(pid));
    }

    /**
     * Sends {@code signal} to every one of {@code pids} with one {@code kill(1)}: a region's processes are hit
     * together, not one fork apart. Every pid that exists gets the signal even if another does not; the error then
     * names the ones that failed.
     */
    public static void send(String signal, List<Long> pids) throws IOException {
        if (pids.isEmpty()) {
            return;
        }
        if (signal.equals("KILL") || signal.equals("TERM")) {
            direct(signal, pids);
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        String pidText = String.join(" ", command.subList(3, command.size()));
        Process kill = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IOException("kill -s " + signal + " " + pidText + " did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending SIG" + signal + " to pid " + pidText, e);
        }
        if (kill.exitValue() != 0) {
            String out = new String(kill.getInputStream().readAllBytes()).trim();
            throw new IOException("kill -s " + signal + " " + pidText + " failed (exit " + kill.exitValue() + "): " + out);
        }
    }

    /**
     * A signaller started ahead of time: {@code sh} waiting on its standard input to send {@code signal} to
     * {@code pids} with its builtin {@code kill}. {@link Armed#fire()} costs a pipe write and one wake-up instead of a
     * fork of a busy JVM; close it if it never fires.
     */
    public static Armed arm(String signal, List<Long> pids) throws IOException {
        if (!signal.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("signal [" + signal + "] is not a signal name such as STOP");
        }
        String pidText = pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
        Process sh = new ProcessBuilder("sh", "-c", "read go && [ \"$go\" = go ] && kill -s " + signal + " " + pidText)
            .redirectErrorStream(true)
            .start();
        return new Armed(sh, signal, pidText);
    }

    /** See {@link #arm(String, List)}. */
    public static final class Armed implements AutoCloseable {
        private final Process sh;
        private final String signal;
        private final String pids;

        private Armed(Process sh, String signal, String pids) {
            this.sh = sh;
            this.signal = signal;
            this.pids = pids;
        }

        /** Sends the signal now; returns once it is sent. */
        public void fire() throws IOException {
            try {
                var in = sh.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                in.close();
                if (!sh.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IOException("kill -s " + signal + " " + pids + " did not finish within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending SIG" + signal + " to pid " + pids, e);
            }
            if (sh.exitValue() != 0) {
                String out = new String(sh.getInputStream().readAllBytes()).trim();
                throw new IOException("kill -s " + signal + " " + pids + " failed (exit " + sh.exitValue() + "): " + out);
            }
        }

        /** Sends nothing if it has not fired; harmless after it has. */
        @Override
        public void close() {
            if (sh.isAlive()) {
                sh.destroyForcibly();
            }
        }
    }

    private static void direct(String signal, List<Long> pids) throws IOException {
        List<Long> missing = new ArrayList<>();
        for (long pid : pids) {
            var handle = ProcessHandle.of(pid);
            boolean sent = handle.isPresent() && (signal.equals("KILL") ? handle.get().destroyForcibly() : handle.get().destroy());
            if (!sent) {
                missing.add(pid);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("kill -s " + signal + " " + pids.stream().map(String::valueOf).collect(Collectors.joining(" "))
                + " failed: no such process: " + missing.stream().map(pid -> "(" + pid + ")").collect(Collectors.joining(" ")));
        }
    }
}
