package io.exchangechaos.core.junit;

import io.exchangechaos.core.run.RunOptions;
import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one scenario once for the test class, before its tests, and resolves its outcome ({@link RunOutcome}, or the
 * {@link ScenarioRunner.Result} with the run directory) as a test method parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ChaosExtension chaos = ChaosExtension.of(Scenario.named("lose-a-region")…build()).weakness(Weakness.NONE);
 *
 * @Test
 * void survives(RunOutcome outcome) {
 *     assertThat(outcome).passed().hasNoLostOrders();
 * }
 * }</pre>
 *
 * Or {@link ChaosScenario @ChaosScenario("region-loss")} on the class, for a library scenario or a scenario file.
 *
 * <p>A run that proves nothing fails the class: one that ends INCONCLUSIVE (the stack never got healthy, the load
 * generator fell behind, a fault could not be injected) or ABORTED, unless the test expects that verdict
 * ({@link #expecting}). PASS and FAIL are left to the test's assertions. Immutable: each method returns a new
 * extension. Register it on a {@code static} field: it runs before all tests.
 */
public final class ChaosExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChaosExtension.class);
    /** What a run may end with unless the test says otherwise: the verdicts a test asserts on. */
    static final Set<Verdict> DEFAULT_EXPECTED = EnumSet.of(Verdict.PASS, Verdict.FAIL);

    /** Runs a scenario: {@link ScenarioRunner} unless a test of this extension gives it a recorded outcome. */
    @FunctionalInterface
    interface Runner {
        ScenarioRunner.Result run(Scenario scenario, Path file, RunOptions options) throws IOException;
    }

    private static final Runner REAL = (scenario, file, options) -> new ScenarioRunner(options).run(scenario, file);

    private final Scenario scenario;
    private final RunOptions options;
    private final Set<Verdict> expected;
    private final Runner runner;

    /** The extension {@link ChaosScenario} registers: it reads the scenario and its options from the annotation. */
    public ChaosExtension() {
        this(null, RunOptions.defaults(), DEFAULT_EXPECTED, REAL);
    }

    private ChaosExtension(Scenario scenario, RunOptions options, Set<Verdict> expected, Runner runner) {
        this.scenario = scenario;
        this.options = options;
        this.expected = expected;
        this.runner = runner;
    }

    /** Runs {@code scenario} (built with the Java DSL) once for the class, into {@code target/chaos-runs}. */
    public static ChaosExtension of(Scenario scenario) {
        return new ChaosExtension(Objects.requireNonNull(scenario, "scenario"), RunOptions.defaults(), DEFAULT_EXPECTED, REAL);
    }

    /** Runs on this topology instead of the scenario's: {@code Topologies.SINGLE_REGION} or {@code TopologyRef.of(path)}. */
    public ChaosExtension topology(TopologyRef topology) {
        return with(options.withTopology(Objects.requireNonNull(topology, "topology")));
    }

    /** Runs with this weakness of the staged exchange switched on instead of the scenario's. */
    public ChaosExtension weakness(Weakness weakness) {
        return with(options.withWeakness(Objects.requireNonNull(weakness, "weakness")));
    }

    /** {@code local} (processes, the default) or {@code docker} (containers). */
    public ChaosExtension backend(String backend) {
        return with(options.withBackend(Objects.requireNonNull(backend, "backend")));
    }

    /** Where run directories go; default {@code target/chaos-runs}. */
    public ChaosExtension out(Path outRoot) {
        return with(options.withOutRoot(Objects.requireNonNull(outRoot, "outRoot")));
    }

    /**
     * The verdicts the run may end with; any other fails the class before its tests run. Default PASS and FAIL, so
     * an INCONCLUSIVE or ABORTED run fails the test: {@code .expecting(Verdict.INCONCLUSIVE)} for a test about one.
     */
    public ChaosExtension expecting(Verdict... verdicts) {
        if (verdicts.length == 0) {
            throw new IllegalArgumentException("expecting(): name at least one verdict, e.g. expecting(Verdict.INCONCLUSIVE)");
        }
        return new ChaosExtension(scenario, options, EnumSet.copyOf(Arrays.asList(verdicts)), runner);
    }

    /** The scenario this extension runs; empty for the one {@link ChaosScenario} registers, which reads its annotation. */
    public Optional<Scenario> scenario() {
        return Optional.ofNullable(scenario);
    }

    /** The same extension, running scenarios with {@code runner}: for this extension's own tests. */
    ChaosExtension withRunner(Runner runner) {
        return new ChaosExtension(scenario, options, expected, runner);
    }

    private ChaosExtension with(RunOptions changed) {
        return new ChaosExtension(scenario, changed, expected, runner);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ScenarioRunner.Result result;
        Set<Verdict> accepted = expected;
        if (scenario != null) {
            result = runner.run(scenario, null, options);
        } else {
            ChaosScenario annotation = context.getRequiredTestClass().getAnnotation(ChaosScenario.class);
            if (annotation == null) {
                throw new IllegalStateException("No scenario for [" + context.getRequiredTestClass().getName()
                    + "]: annotate the class with @ChaosScenario(\"region-loss\") or register"
                    + " @RegisterExtension static ChaosExtension chaos = ChaosExtension.of(scenario)");
            }
            Path file = Path.of(annotation.value());
            boolean isFile = Files.isRegularFile(file);
            Scenario read = isFile ? Scenarios.load(file) : Scenarios.parse(library(annotation.value()),
                annotation.value() + ".yaml");
            result = runner.run(read, isFile ? file : null, options(annotation));
            accepted = EnumSet.copyOf(Arrays.asList(annotation.expecting()));
        }
        context.getStore(NS).put(Result.class, new Result(result));
        Verdict verdict = result.outcome().verdict();
        if (!accepted.contains(verdict)) {
            throw new AssertionError(unexpected(result, accepted));
        }
    }

    private static String unexpected(ScenarioRunner.Result result, Set<Verdict> accepted) {
        RunOutcome o = result.outcome();
        String findings = o.findings().stream().map(Finding::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
        String why = o.verdict() == Verdict.INCONCLUSIVE || o.verdict() == Verdict.ABORTED
            ? "; a run that is " + o.verdict() + " proves nothing about the exchange"
            : "";
        String fix = accepted.equals(DEFAULT_EXPECTED)
            ? "; if that is what this test is about, register ChaosExtension.of(…).expecting(Verdict." + o.verdict() + ")"
            + " or annotate @ChaosScenario(…, expecting = " + o.verdict() + ")"
            : "";
        return "Run [" + o.runId() + "] of scenario [" + o.scenario().name() + "] ended [" + o.verdict() + "], expected one"
            + " of " + accepted + why + fix + ". Findings:" + findings + "\nReport: " + result.runDir().resolve("report.html");
    }

    private static RunOptions options(ChaosScenario annotation) {
        RunOptions options = RunOptions.defaults().withOutRoot(Path.of(annotation.out())).withBackend(annotation.backend());
        if (!annotation.topology().isEmpty()) {
            options = options.withTopology(TopologyRef.of(annotation.topology()));
        }
        if (!annotation.weakness().isEmpty()) {
            String w = annotation.weakness();
            options = options.withWeakness(Weakness.fromId(w).orElseThrow(() -> new IllegalArgumentException(
                "@ChaosScenario weakness [" + w + "] is not a weakness; use one of " + Weakness.ids())));
        }
        return options;
    }

    private static String library(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("@ChaosScenario [" + name + "] is neither a file nor a library scenario"
                    + " (class-path resource scenarios/" + name + ".yaml); give a path or put the scenarios module on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == RunOutcome.class || type == ScenarioRunner.Result.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ScenarioRunner.Result result = Optional.ofNullable(e.getStore(NS).get(Result.class, Result.class)).map(Result::value)
            .orElseThrow(() -> new ParameterResolutionException("No scenario outcome for parameter ["
                + p.getParameter().getName() + "]: no scenario ran for this class. Register the extension on a static"
                + " field (@RegisterExtension static ChaosExtension chaos = ChaosExtension.of(scenario)) or annotate the"
                + " class with @ChaosScenario"));
        return p.getParameter().getType() == RunOutcome.class ? result.outcome() : result;
    }

    /** The store's key and value: one run per class. */
    private record Result(ScenarioRunner.Result value) {
    }
}
