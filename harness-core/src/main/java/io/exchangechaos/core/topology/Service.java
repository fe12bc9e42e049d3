package io.exchangechaos.core.topology;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process of the system under test.
 *
 * @param region a name from {@link Topology#regions()}, or {@code global} for shared services
 * @param start  the command that starts it, with placeholders ({@code ${java}}, {@code ${stack.classpath}},
 *               {@code ${runDir}}, {@code ${weakness}}) kept as written; see {@link #command(Map)}
 * @param image  the container image it runs in on the docker backend, when not the harness-built stack image
 */
public record Service(String name, ServiceKind kind, String region, HostPort listen, URI health, List<String> start,
                      Optional<String> image) {

    /** Placeholders every runner provides. */
    public static final List<String> PLACEHOLDERS = List.of("java", "stack.classpath", "runDir", "weakness");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    public Service {
        start = List.copyOf(start);
        image = image == null ? Optional.empty() : image;
    }

    public Service(String name, ServiceKind kind, String region, HostPort listen, URI health, List<String> start) {
        this(name, kind, region, listen, health, start, Optional.empty());
    }

    /**
     * The start command with every {@code ${name}} replaced by {@code vars.get(name)}.
     *
     * @throws IllegalArgumentException naming every placeholder {@code vars} has no value for
     */
    public List<String> command(Map<String, String> vars) {
        TreeSet<String> unknown = new TreeSet<>();
        List<String> command = new ArrayList<>(start.size());
        for (String argument : start) {
            Matcher m = PLACEHOLDER.matcher(argument);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = vars.get(m.group(1));
                if (value == null) {
                    unknown.add(m.group(1));
                    value = m.group();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            command.add(out.toString());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Service [" + name + "]: no value for placeholder(s) "
                    + unknown.stream().map(u -> "[${" + u + "}]").toList()
                    + " in its start command; pass them (known: " + new TreeSet<>(vars.keySet()) + ")");
        }
        return List.copyOf(command);
    }

    /** The placeholders the start command uses. */
    public List<String> placeholders() {
        TreeSet<String> names = new TreeSet<>();
        for (String argument : start) {
            Matcher m = PLACEHOLDER.matcher(argument);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return List.copyOf(names);
    }
}
