package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Location;
import io.exchangechaos.core.yaml.Problems;
import io.exchangechaos.core.yaml.Suggestions;
import io.exchangechaos.core.yaml.YamlFields;
import java.time.Duration;
import java.util.Optional;

/**
 * A timeline step's {@code params}, for {@link FaultKind#read}: typed, located access that adds every problem (a
 * missing param, a value of the wrong type, an unknown key) to the scenario's problems as
 * {@code file:line:col: timeline[0].params.latency [value]: problem; fix}, and returns empty or null for what it
 * reported. A step without {@code params} reads as an empty mapping located at the step.
 */
public final class FaultParams {
    private final YamlFields params;
    private final YamlFields step;

    FaultParams(YamlFields params, YamlFields step) {
        this.params = params;
        this.step = step;
    }

    public boolean has(String key) {
        return params.has(key);
    }

    /**
     * Reports {@code key} as missing unless it is given: at {@code params}, or at the step when it has no
     * {@code params}; {@code example} is the param as it would be written, e.g. {@code latency: 150ms}.
     */
    public void require(String key, String example) {
        if (!params.has(key)) {
            Location where = step.has("params") ? params.location() : step.location();
            params.problems().at(where, params.child(key), null, "missing; " + step.text("fault", "").orElse("this fault")
                + " needs it, e.g. params: {" + example + "}");
        }
    }

    public Optional<Duration> duration(String key, String example) {
        return params.duration(key, example);
    }

    /** The duration, {@code otherwise} when it is not given, null when it is given and unreadable. */
    public Duration duration(String key, Duration otherwise) {
        return params.has(key) ? params.duration(key, key + ": " + Durations.format(otherwise)).orElse(null) : otherwise;
    }

    public Optional<Integer> integer(String key, String example) {
        return params.integer(key, example);
    }

    public Optional<String> text(String key, String example) {
        return params.text(key, example);
    }

    /**
     * One of {@code type}'s spellings; {@code otherwise} when it is not given, null when it is given and is not one
     * ("not a stream; did you mean both?").
     *
     * @param what what the value is, for the problem: {@code a stream}
     */
    public <E extends Enum<E> & Spelled> E spelled(String key, Class<E> type, String what, E otherwise) {
        if (!params.has(key)) {
            return otherwise;
        }
        String path = params.child(key);
        Problems problems = params.problems();
        return params.node(key).flatMap(n -> YamlFields.text(n, path, problems, "use one of "
            + String.join(", ", Spelled.ids(type)))).flatMap(text -> {
                Optional<E> known = Spelled.parse(type, text);
                if (known.isEmpty()) {
                    problems.add(path, text, "not " + what + "; " + Suggestions.fix(text, Spelled.ids(type)));
                }
                return known;
            }).orElse(null);
    }
}
