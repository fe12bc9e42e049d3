package io.exchangechaos.core.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The record of every order operation, written to {@code history.jsonl} as it happens and before anything is
 * checked, so a past run can be checked again.
 */
public final class History implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;
    private final List<Operation> operations = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;
    /** The first write that failed (a full disk): from then on operations are kept in memory only. */
    private volatile IOException failure;

    private History(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public static History create(Path file) throws IOException {
        return new History(file);
    }

    public void record(Operation op) {
        if (closed) {
            // an answer that came after the run stopped waiting: not part of this history
            return;
        }
        // in memory first: an operation the file could not take is still checked
        operations.add(op);
        if (failure != null) {
            return;
        }
        try {
            String line = JSON.writeValueAsString(op);
            synchronized (out) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Why the file is incomplete ({@code could not append to …: No space left on device}), or empty when it is whole. */
    public Optional<String> failure() {
        IOException e = failure;
        return e == null ? Optional.empty()
            : Optional.of("could not append to " + file + ": " + e.getMessage());
    }

    public Path file() {
        return file;
    }

    /** Operations recorded so far, in completion order. */
    public List<Operation> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Writes what is buffered; a failure is kept for {@link #failure()}, never thrown: the run goes on to its verdict. */
    public void flush() {
        try {
            synchronized (out) {
                out.flush();
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    @Override
    public void close() {
        try {
            synchronized (out) {
                closed = true;
                out.close();
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Reads a saved history back, ordered by operation index. */
    public static List<Operation> read(Path file) throws IOException {
        List<Operation> ops = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    ops.add(JSON.readValue(line, Operation.class));
                }
            }
        }
        ops.sort(Comparator.comparingLong(Operation::index));
        return ops;
    }
}
