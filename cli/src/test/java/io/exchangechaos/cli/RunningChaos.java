package io.exchangechaos.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code ./chaos} process whose output (stdout and stderr together) is read as it comes, so a test can wait for
 * a line, send a signal, and time how long the process takes to end.
 */
final class RunningChaos implements AutoCloseable {
    private final Process process;
    private final StringBuilder printed = new StringBuilder();
    private final Thread reader;

    private RunningChaos(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (printed) {
                        printed.append(line).append('\n');
                        printed.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "chaos-output");
        reader.start();
    }

    /** {@code ./chaos ARGS} in {@code dir}, told not to build, with {@code env} added. */
    static RunningChaos start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        // as from a terminal: a build started under nohup or in a background job passes HUP or INT on ignored, and
        // a JVM leaves a signal it starts with ignored alone, so the run would never see the signal a test sends
        command.addAll(List.of("env", "--default-signal=HUP,INT,TERM"));
        command.add(Launcher.ROOT.resolve("chaos").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("CHAOS_NO_BUILD", "1");
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(env);
        return new RunningChaos(pb.start());
    }

    /** Waits until a line printed so far matches; fails with everything printed if none does in time. */
    String awaitLine(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (printed) {
            while (true) {
                for (String l : printed.toString().split("\n")) {
                    if (line.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("no such line within " + timeout + "; printed:\n" + printed);
                }
                printed.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 500_000_000L))));
            }
        }
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for the process to end; its exit code, or fails with what it printed. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + timeout + "; printed:\n" + printed());
        }
        reader.join(10_000);
        return process.exitValue();
    }

    String printed() {
        synchronized (printed) {
            return printed.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
