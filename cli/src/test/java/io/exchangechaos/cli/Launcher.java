package io.exchangechaos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./chaos} launcher (or a script of the repository) as a process, as a user would. */
final class Launcher {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
    }

    private Launcher() {
    }

    /** {@code ./chaos ARGS} in {@code dir}; the launcher is told not to build (the IT runs on the built tree). */
    static Result chaos(Path dir, Map<String, String> env, Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("chaos").toString());
        command.addAll(List.of(args));
        return run(dir, env, timeout, command);
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) throws Exception {
        Path out = Files.createTempFile("chaos-out", ".txt");
        Path err = Files.createTempFile("chaos-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        pb.environment().put("CHAOS_NO_BUILD", "1");
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + "; it printed:\n" + read(out) + read(err));
        }
        return new Result(p.exitValue(), read(out), read(err));
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
