package io.exchangechaos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;

/** The scenario library: {@code scenarios/NAME.yaml} on the class path (the {@code scenarios} module's jar). */
final class Library {
    static final String FOLDER = "scenarios/";

    private Library() {
    }

    /** Every library scenario's name, sorted. */
    static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader().getResources(FOLDER))) {
                names.addAll(list(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the scenario library on the class path", e);
        }
        return List.copyOf(names);
    }

    /** The YAML of library scenario {@code name}, if there is one. */
    static Optional<String> yaml(String name) {
        if (name.contains("/") || name.contains("\\")) {
            return Optional.empty();
        }
        try (InputStream in = loader().getResourceAsStream(FOLDER + name + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read library scenario [" + name + "]", e);
        }
    }

    private static TreeSet<String> list(URL folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if ("jar".equals(folder.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(FOLDER) && n.endsWith(".yaml") && n.indexOf('/', FOLDER.length()) < 0)
                    .forEach(n -> names.add(n.substring(FOLDER.length(), n.length() - ".yaml".length())));
            }
        } else if ("file".equals(folder.getProtocol())) {
            try (var files = Files.list(Path.of(folder.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".yaml".length())));
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return names;
    }

    private static ClassLoader loader() {
        return Library.class.getClassLoader();
    }
}
