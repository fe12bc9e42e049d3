package io.exchangechaos.fault.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one service: everything needed to start it again after a kill, by this JVM or by
 * {@code ./chaos cleanup} in another one.
 *
 * @param name        the service, e.g. {@code engine-r1}
 * @param command     the exact command line
 * @param workingDir  null: the harness's own
 * @param environment variables set on top of the harness's environment
 * @param logFile     stdout and stderr are appended here
 */
public record ProcessSpec(String name, List<String> command, Path workingDir, Map<String, String> environment,
                          Path logFile) {
    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(logFile, "logFile");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("process [" + name + "]: command is empty; give the program and its"
                + " arguments, e.g. [\"java\", \"-cp\", \"...\", \"Main\"]");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static ProcessSpec of(String name, List<String> command, Path logFile) {
        return new ProcessSpec(name, command, null, Map.of(), logFile);
    }

    public ProcessSpec withWorkingDir(Path dir) {
        return new ProcessSpec(name, command, dir, environment, logFile);
    }

    public ProcessSpec withEnvironment(Map<String, String> env) {
        return new ProcessSpec(name, command, workingDir, env, logFile);
    }

    /** Starts the process with output appended to {@link #logFile()}; no ledger involved. */
    public Process launch() throws IOException {
        if (logFile.getParent() != null) {
            Files.createDirectories(logFile.getParent());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start [" + name + "] " + command + ": " + e.getMessage()
                + "; check the program path and the working directory [" + workingDir + "]", e);
        }
    }
}
