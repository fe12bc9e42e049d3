package io.exchangechaos.core.topology;

import io.exchangechaos.core.yaml.Problem;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.YamlText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Entry points for topologies: the built-in names, where their files live, loading and checking a file. */
public final class Topologies {

    /** One region: config, credit check, one engine (a Raft group of one), one gateway. */
    public static final TopologyRef SINGLE_REGION = TopologyRef.of("single-region");
    /** Three regions, an engine replica and a gateway in each. */
    public static final TopologyRef MULTI_REGION = TopologyRef.of("multi-region");

    /** System property naming the directory of named topologies; default: {@code exchange-stack/topologies} above the working directory. */
    public static final String DIRECTORY_PROPERTY = "exchangechaos.topologies";

    private static final String DEFAULT_DIRECTORY = "exchange-stack/topologies";

    private Topologies() {
    }

    /**
     * The directory named topologies are looked up in: the system property {@value #DIRECTORY_PROPERTY}, or the first
     * {@code exchange-stack/topologies} found walking up from the working directory.
     *
     * @throws IllegalStateException if neither exists
     */
    public static Path directory() {
        return findDirectory().orElseThrow(() -> new IllegalStateException("No topologies directory: system property ["
                + DIRECTORY_PROPERTY + "] is not set and no " + DEFAULT_DIRECTORY + " above [" + workingDirectory()
                + "]; run from the repository or pass -D" + DIRECTORY_PROPERTY + "=DIR"));
    }

    static Optional<Path> findDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = workingDirectory(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_DIRECTORY);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath().normalize();
    }

    /** The names of the topologies in {@link #directory()}: {@code multi-region}, {@code single-region}, … */
    public static List<String> names() {
        try (var files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file {@code ref} names: a name in {@link #directory()}, or a path resolved against {@code relativeTo}
     * (the directory of the scenario that names it; the working directory if null).
     */
    public static Path resolve(TopologyRef ref, Path relativeTo) {
        if (ref.isNamed()) {
            return directory().resolve(ref.spec() + ".yaml");
        }
        Path base = relativeTo == null ? workingDirectory() : relativeTo;
        return base.resolve(ref.spec()).normalize();
    }

    /** Loads a named topology or a topology file (relative to the working directory). */
    public static Topology load(TopologyRef ref) {
        return load(resolve(ref, null));
    }

    /**
     * Loads and checks a topology file.
     *
     * @throws TopologyDefinitionException with every problem, located
     */
    public static Topology load(Path file) {
        return parse(read(file), file.getFileName().toString(), file.toAbsolutePath().getParent());
    }

    /** Loads the topology to run with {@code weakness}: the file its {@code weaknesses} entry names, else the file itself. */
    public static Topology load(Path file, Weakness weakness) {
        Topology topology = load(file);
        return topology.variantFor(weakness).map(Topologies::load).orElse(topology);
    }

    /**
     * Parses and checks topology YAML; {@code fileName} is used in problem locations, {@code baseDir} to resolve
     * weakness topology files (not checked when null).
     */
    public static Topology parse(String yaml, String fileName, Path baseDir) {
        return TopologyReader.read(yaml, fileName, baseDir);
    }

    private static String read(Path file) {
        Problems problems = new Problems(file.getFileName().toString());
        Optional<String> yaml;
        try {
            yaml = YamlText.read(file, problems);
        } catch (IOException e) {
            throw new TopologyDefinitionException(List.of(new Problem(file.toString(), 0, 0, "", "",
                    "can't read the topology file (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); check the path")));
        }
        return yaml.orElseThrow(() -> new TopologyDefinitionException(problems.list()));
    }
}
