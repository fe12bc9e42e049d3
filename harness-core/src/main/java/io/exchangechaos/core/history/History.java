package io.exchangechaos.core.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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
        try {
            String line = JSON.writeValueAsString(op);
            synchronized (out) {
                out.write(line);
                out.write('\n');
            }
            operations.add(op);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
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

    public void flush() {
        try {
            synchronized (out) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            throw new UncheckedIOException(e);
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
