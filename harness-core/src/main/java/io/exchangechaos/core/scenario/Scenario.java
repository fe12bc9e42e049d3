package io.exchangechaos.core.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A chaos experiment: the exchange it targets, the load, the steady state to check before and after, the timeline
 * of faults, the budgets and invariants that make the verdict, and when to abort.
 *
 * <p>One model, two spellings: a YAML file ({@link Scenarios#load}) or the Java DSL
 * ({@code Scenario.named("region-loss")…build()}); both are checked by the same validator, and
 * {@link ScenarioYaml#write} writes either back out as YAML.
 *
 * @param incident          the real incident it replays, or empty
 * @param invariants        what the run checks: those named, or {@link Invariant#BUILT_IN} when none are
 * @param defaultInvariants none were named: the run checks those of {@code invariants} its adapter can observe and
 *                          lists the others as not applicable, where a named one the adapter cannot observe is refused
 */
public record Scenario(String name, String description, String incident, Target target, Load load,
                       SteadyState steadyState, List<TimelineStep> timeline, Budgets budgets, List<Invariant> invariants,
                       List<AbortCondition> abort, boolean defaultInvariants) {

    public Scenario {
        description = description == null ? "" : description;
        incident = incident == null ? "" : incident;
        timeline = timeline == null ? List.of() : copy(timeline);
        invariants = invariants == null ? List.of() : copy(invariants);
        abort = abort == null ? List.of() : copy(abort);
    }

    /** A scenario that names its invariants. */
    public Scenario(String name, String description, String incident, Target target, Load load, SteadyState steadyState,
                    List<TimelineStep> timeline, Budgets budgets, List<Invariant> invariants, List<AbortCondition> abort) {
        this(name, description, incident, target, load, steadyState, timeline, budgets, invariants, abort, false);
    }

    // A scenario still being checked may hold nulls where the file had something unreadable; a built one never does.
    private static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Starts the Java DSL: {@code Scenario.named("region-loss").replays("…").on(Topologies.MULTI_REGION).load(…)}. */
    public static ScenarioBuilder.Named named(String name) {
        return ScenarioBuilder.named(name);
    }

    /** A builder holding this scenario, to derive a variant (another load, a weakness) and build it again. */
    public ScenarioBuilder toBuilder() {
        return new ScenarioBuilder(this);
    }

    /** A span of the load window, measured from load start. */
    public record Window(Duration start, Duration end) {
        public Duration length() {
            return end.minus(start);
        }
    }

    /**
     * Where {@code phase} lies in the load window: baseline is load start to the first injection, fault is first
     * injection to last heal, recovery is last heal to load end. Empty for a phase of zero length (no faults, or a
     * fault that heals only when the load ends).
     */
    public Optional<Window> window(Phase phase) {
        Duration end = load.duration();
        if (phase == Phase.OVERALL) {
            return Optional.of(new Window(Duration.ZERO, end));
        }
        if (timeline.isEmpty()) {
            return phase == Phase.BASELINE ? Optional.of(new Window(Duration.ZERO, end)) : Optional.empty();
        }
        Duration firstInjection = timeline.stream().map(TimelineStep::at).min(Duration::compareTo).orElseThrow();
        Duration lastHeal = timeline.stream().map(s -> s.healsAt(end)).max(Duration::compareTo).orElseThrow();
        Window window = switch (phase) {
            case BASELINE -> new Window(Duration.ZERO, firstInjection);
            case FAULT -> new Window(firstInjection, lastHeal);
            default -> new Window(lastHeal, end);
        };
        return window.length().compareTo(Duration.ZERO) > 0 ? Optional.of(window) : Optional.empty();
    }
}
