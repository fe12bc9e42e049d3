package io.exchangechaos.cli;

import io.exchangechaos.core.plugin.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --plugins DIR} (repeatable): a user's jars, or directories of jars, for every registry of this command.
 * Installed as the main thread's context class loader for the life of the process (one command per process), so the
 * scenario readers, the runner and every thread it starts find them; a topology's own {@code plugins:} are added on top.
 */
final class PluginPaths {
    static final String DESCRIPTION = "A plugin jar, or a directory of jars (adapters, fault kinds and injectors, checkers,"
        + " report writers); repeatable. A topology's plugins: are added to these.";

    private PluginPaths() {
    }

    /**
     * Checks every path given (each problem added, located by the option) and, when all are usable, installs them.
     *
     * @return the plugins installed, or empty when a problem was added
     */
    static Optional<Plugins> install(List<String> given, List<String> problems) {
        if (given == null || given.isEmpty()) {
            return Optional.of(Plugins.current());
        }
        List<Path> paths = new ArrayList<>();
        int before = problems.size();
        for (String g : given) {
            if (g.isBlank()) {
                problems.add("--plugins []: empty; pass a plugin jar or a directory of jars, e.g. --plugins lib/plugins");
                continue;
            }
            Path p = Path.of(g.trim());
            Optional<String> why = Plugins.problem(p);
            if (why.isPresent()) {
                problems.add("--plugins [" + g + "]: " + why.get() + " (relative to " + Path.of("").toAbsolutePath() + ")");
            } else {
                paths.add(p);
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        Plugins plugins = Plugins.current().and(paths);
        plugins.install();
        return Optional.of(plugins);
    }
}
