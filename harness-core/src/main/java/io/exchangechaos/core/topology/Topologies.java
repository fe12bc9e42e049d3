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
import java.util.Set;
import java.util.TreeSet;

/** Entry points for topologies: the built-in names, where their files live, loading and checking a file. */
public final class Topologies {

    /** One region: config, credit check, one engine (a Raft group of one), one gateway. */
    public static final TopologyRef SINGLE_REGION = TopologyRef.of("single-region");
    /** Three regions, an engine replica and a gateway in each. */
    public static final TopologyRef MULTI_REGION = TopologyRef.of("multi-region");

    /**
     * System property naming the directory of named topologies; without it, named topologies are class-path
     * resources {@code topologies/NAME.yaml} (the exchange-stack artifact's), then files in the first
     * {@code exchange-stack/topologies} above the working directory.
     */
    public static final String DIRECTORY_PROPERTY = "exchangechaos.topologies";

    private static final String DEFAULT_DIRECTORY = "exchange-stack/topologies";

    private Topologies() {
    }

    /**
     * The directory of named topologies: the system property {@value #DIRECTORY_PROPERTY}, or the first
     * {@code exchange-stack/topologies} found walking up from the working directory. Class-path topologies have none.
     *
     * @throws IllegalStateException if neither exists
     */
    public static Path directory() {
        return findDirectory().orElseThrow(() -> new IllegalStateException(notFound()));
    }

    private static String notFound() {
        return "No topologies: system property [" + DIRECTORY_PROPERTY + "] is not set, the class path has no"
                + " topologies/*.yaml and there is no " + DEFAULT_DIRECTORY + " above [" + workingDirectory()
                + "]; add the artifact io.exchangechaos:exchange-stack to the class path (test scope), run from the"
                + " repository or pass -D" + DIRECTORY_PROPERTY + "=DIR";
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

    private static boolean propertySet() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        return property != null && !property.isBlank();
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath().normalize();
    }

    /**
     * The names of the named topologies ({@code multi-region}, {@code single-region}, …): those in the directory the
     * system property names, else those on the class path and in {@code exchange-stack/topologies} above.
     *
     * @throws IllegalStateException when there are none anywhere
     */
    public static List<String> names() {
        Set<String> names = new TreeSet<>();
        if (!propertySet()) {
            names.addAll(ClasspathTopologies.names());
        }
        Optional<Path> dir = findDirectory();
        if (dir.isEmpty() && names.isEmpty()) {
            throw new IllegalStateException(notFound());
        }
        if (dir.isPresent()) {
            try (var files = Files.list(dir.get())) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                        .map(n -> n.substring(0, n.length() - ".yaml".length())).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The file {@code ref} names: a named topology (see {@link #DIRECTORY_PROPERTY} for where they are), or a path resolved against {@code relativeTo}
     * (the directory of the scenario that names it; the working directory if null).
     */
    public static Path resolve(TopologyRef ref, Path relativeTo) {
        if (ref.isNamed()) {
            if (!propertySet()) {
                Optional<Path> onClassPath = ClasspathTopologies.find(ref.spec());
                if (onClassPath.isPresent()) {
                    return onClassPath.get();
                }
            }
            Optional<Path> dir = findDirectory();
            if (dir.isEmpty() && (propertySet() || ClasspathTopologies.names().isEmpty())) {
                throw new IllegalStateException(notFound());
            }
            // a name found nowhere: a file that does not exist, for the caller's "no such topology" and suggestions
            return dir.orElseGet(Topologies::workingDirectory).resolve(ref.spec() + ".yaml");
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
