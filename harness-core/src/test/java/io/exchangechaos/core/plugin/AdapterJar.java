package io.exchangechaos.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's adapter jar, as a user's build makes it: a class compiled against the harness's SPI (this test's class
 * path), its {@code META-INF/services} file, and a manifest with an {@code Implementation-Version}. The adapter speaks
 * the staged exchange's protocol (it delegates to the built-in one), so a run with it really runs; its own parts are its
 * name, its symbols (equity-style {@code ACME} allowed) and its configuration check.
 */
public final class AdapterJar {

    private AdapterJar() {
    }

    /**
     * Writes {@code dir/NAME.jar} holding adapter {@code name} whose symbols are {@code defaultSymbols}.
     *
     * @return the jar
     */
    public static Path write(Path dir, String name, String version, List<String> defaultSymbols) throws IOException {
        String cls = "Adapter" + Integer.toHexString(name.hashCode());
        String pkg = "com.example.plugin";
        String source = """
            package %s;

            import io.exchangechaos.core.adapter.*;
            import java.io.IOException;
            import java.net.URI;
            import java.time.Duration;
            import java.util.*;

            public final class %s implements ExchangeAdapter {
                private final StagedRestAdapter wire = new StagedRestAdapter();
                public String name() { return "%s"; }
                public void configure(Map<String, Object> config) {
                    if (config.containsKey("refuse")) {
                        throw new IllegalArgumentException("refuse [" + config.get("refuse") + "]: not a setting of this adapter; remove it");
                    }
                }
                public Optional<String> checkSymbol(String symbol) {
                    return symbol.matches("[A-Z]+(-[A-Z]+)?") ? Optional.empty()
                        : Optional.of("not a ticker; write capitals, e.g. ACME");
                }
                public HttpCall request(OrderIntent intent) { return wire.request(intent); }
                public Answer classify(OrderIntent intent, int status, String body) { return wire.classify(intent, status, body); }
                public Optional<OrderRecord> query(URI entrypoint, String id, Duration timeout) throws IOException {
                    return wire.query(entrypoint, id, timeout);
                }
                public ReplicaState readState(URI replica, Duration timeout) throws IOException { return wire.readState(replica, timeout); }
                public long referencePrice(String symbol) { return wire.referencePrice(symbol); }
                public List<String> defaultSymbols() { return List.of(%s); }
            }
            """.formatted(pkg, cls, name, String.join(", ", defaultSymbols.stream().map(s -> "\"" + s + "\"").toList()));
        Path work = Files.createTempDirectory("adapter-src");
        Path src = work.resolve(cls + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, System.err, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
            "--release", "17", src.toString());
        if (rc != 0) {
            throw new IllegalStateException("the test adapter did not compile (javac exit " + rc + ")");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        Files.createDirectories(dir);
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.exchangechaos.core.adapter.ExchangeAdapter"));
            OutputStream o = out;
            o.write((pkg + "." + cls + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
