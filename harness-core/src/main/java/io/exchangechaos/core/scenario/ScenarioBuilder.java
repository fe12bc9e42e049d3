package io.exchangechaos.core.scenario;

import io.exchangechaos.core.adapter.ExchangeAdapter;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.yaml.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The last stage of the Java DSL, and the one way to a {@link Scenario}: YAML files are read into the same builder, so
 * every check lives in {@link #build()}. Immutable: each method returns a new builder, so one can be a template.
 *
 * <pre>{@code
 * Scenario regionLoss = Scenario.named("region-loss")
 *     .replays("AWS ap-northeast-1 (Tokyo), 2025-04-15: one zone loses power")
 *     .on(Topologies.MULTI_REGION)
 *     .load(openLoad().rate(200).perSecond().rampUp(ofSeconds(5)).during(ofSeconds(60)))
 *     .timeline(at(ofSeconds(20)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(25)))
 *     .budgets(p99(PLACE).during(FAULT).atMost(ofSeconds(1)))
 *     .build();
 * }</pre>
 */
public final class ScenarioBuilder {

    private final Scenario draft;

    ScenarioBuilder(Scenario draft) {
        this.draft = draft;
    }

    static Named named(String name) {
        return new Named(Objects.requireNonNull(name, "name"), "", "");
    }

    /** First stage: a name; then optionally a description and the incident, then the topology (or the load, on multi-region). */
    public static final class Named {
        private final String name;
        private final String description;
        private final String incident;

        private Named(String name, String description, String incident) {
            this.name = name;
            this.description = description;
            this.incident = incident;
        }

        public Named describedAs(String description) {
            return new Named(name, Objects.requireNonNull(description, "description"), incident);
        }

        /** The real incident the scenario replays. */
        public Named replays(String incident) {
            return new Named(name, description, Objects.requireNonNull(incident, "incident"));
        }

        /** The topology: {@code Topologies.MULTI_REGION}, {@code Topologies.SINGLE_REGION} or {@code TopologyRef.of(path)}. */
        public Targeted on(TopologyRef topology) {
            return new Targeted(this, new Target(Objects.requireNonNull(topology, "topology"), Weakness.NONE));
        }

        /** The load, on the hardened {@link Topologies#MULTI_REGION multi-region} stack: {@code on(…)} names another. */
        public ScenarioBuilder load(Load load) {
            return on(Topologies.MULTI_REGION).load(load);
        }
    }

    /** Second stage: optionally a weakness, then the load. */
    public static final class Targeted {
        private final Named named;
        private final Target target;

        private Targeted(Named named, Target target) {
            this.named = named;
            this.target = target;
        }

        public Targeted withWeakness(Weakness weakness) {
            return new Targeted(named, new Target(target.topology(), Objects.requireNonNull(weakness, "weakness")));
        }

        public ScenarioBuilder load(Load load) {
            return new ScenarioBuilder(new Scenario(named.name, named.description, named.incident, target,
                    Objects.requireNonNull(load, "load"), SteadyState.DEFAULT, List.of(), Budgets.NONE,
                    Invariant.BUILT_IN, List.of(), true));
        }
    }

    public ScenarioBuilder describedAs(String description) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), description, d.incident(), d.target(), d.load(), d.steadyState(),
                d.timeline(), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    public ScenarioBuilder replays(String incident) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), incident, d.target(), d.load(), d.steadyState(),
                d.timeline(), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    public ScenarioBuilder target(Target target) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), target, d.load(), d.steadyState(),
                d.timeline(), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    public ScenarioBuilder withWeakness(Weakness weakness) {
        return target(new Target(draft.target().topology(), weakness));
    }

    public ScenarioBuilder load(Load load) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), load, d.steadyState(),
                d.timeline(), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    /** Checked before the load and after it; default {@link SteadyState#DEFAULT}. */
    public ScenarioBuilder steadyState(SteadyState steadyState) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), d.load(), steadyState,
                d.timeline(), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    /** The faults, in time order; replaces any given before. */
    public ScenarioBuilder timeline(TimelineStep... steps) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), d.load(), d.steadyState(),
                List.of(steps), d.budgets(), d.invariants(), d.abort(), d.defaultInvariants()));
    }

    public ScenarioBuilder budgets(Budget... budgets) {
        return budgets(Budgets.of(budgets));
    }

    public ScenarioBuilder budgets(Budgets budgets) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), d.load(), d.steadyState(),
                d.timeline(), budgets, d.invariants(), d.abort(), d.defaultInvariants()));
    }

    /**
     * The invariants checked on the history and the final state; by default those of {@link Invariant#BUILT_IN} the
     * run's adapter can observe. Each needs a {@link io.exchangechaos.core.check.Checker} on the class path, and an
     * adapter that can observe what that checker needs.
     */
    public ScenarioBuilder invariants(Invariant... invariants) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), d.load(), d.steadyState(),
                d.timeline(), d.budgets(), List.of(invariants), d.abort(), false));
    }

    public ScenarioBuilder abortWhen(AbortCondition... conditions) {
        Scenario d = draft;
        return new ScenarioBuilder(new Scenario(d.name(), d.description(), d.incident(), d.target(), d.load(), d.steadyState(),
                d.timeline(), d.budgets(), d.invariants(), List.of(conditions), d.defaultInvariants()));
    }

    /**
     * Checks the scenario, against the topology it names too, and returns it.
     *
     * @throws ScenarioDefinitionException listing every problem, by field path
     */
    public Scenario build() {
        return build(Problems.withoutSource(), null, null);
    }

    /**
     * Checks the scenario as it will run through {@code adapter} (its invariants must be ones that adapter can
     * observe), and returns it.
     *
     * @throws ScenarioDefinitionException listing every problem, by field path
     */
    public Scenario build(ExchangeAdapter adapter) {
        return build(Problems.withoutSource(), null, adapter);
    }

    /**
     * For readers: {@code problems} already holds what the reader found and where each field was written;
     * {@code adapter} null for the one the scenario's topology names.
     */
    Scenario build(Problems problems, Path baseDir, ExchangeAdapter adapter) {
        ScenarioValidator.validate(draft, problems, baseDir, adapter);
        if (!problems.isEmpty()) {
            throw new ScenarioDefinitionException(problems.list());
        }
        return draft;
    }
}
