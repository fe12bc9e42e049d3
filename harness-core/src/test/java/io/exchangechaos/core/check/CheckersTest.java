package io.exchangechaos.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioDefinitionException;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkers are found with ServiceLoader: the built-ins through harness-core's own services file, a plugin's the same way. */
class CheckersTest {
    static final Invariant POSITIONS_FLAT = Invariant.of("positions-flat");

    @TempDir
    Path plugin;

    /** A plugin's checker: every position is flat at the end of the run. */
    public static final class PositionsFlat implements Checker {
        @Override
        public Invariant invariant() {
            return POSITIONS_FLAT;
        }

        @Override
        public RunOutcome.InvariantResult check(CheckContext context) {
            return new RunOutcome.InvariantResult(POSITIONS_FLAT, Verdict.FAIL, 1, List.of("acct-3 long 2 BTC"),
                "1 account holds a position");
        }
    }

    /** A second checker for a built-in invariant: two jars claiming one invariant. */
    public static final class AnotherLostAcked implements Checker {
        @Override
        public Invariant invariant() {
            return Invariant.NO_LOST_ACKED_ORDERS;
        }

        @Override
        public RunOutcome.InvariantResult check(CheckContext context) {
            throw new AssertionError("never asked");
        }
    }

    private ClassLoader withServices(String... providers) throws IOException {
        Path services = plugin.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Checker.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {plugin.toUri().toURL()}, getClass().getClassLoader());
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> action) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void theBuiltInsAreRegisteredByHarnessCoreItselfInReportOrder() {
        assertThat(Checkers.all()).extracting(Checker::invariant).containsExactlyElementsOf(Invariant.BUILT_IN);
    }

    @Test
    void aPluginsCheckerIsFoundAfterTheBuiltInsAndDecidesItsInvariant() throws Exception {
        ClassLoader loader = withServices(PositionsFlat.class.getName());

        assertThat(Checkers.all(loader)).extracting(Checker::invariant).endsWith(Invariant.REPLICAS_CONVERGE,
            Invariant.INDETERMINATE_RESOLVED, POSITIONS_FLAT);
        List<RunOutcome.InvariantResult> results = withContextLoader(loader, () -> Checkers.check(
            List.of(POSITIONS_FLAT), new CheckContext(List.of(), List.of(), Map.of(), Map.of(), Map.of())));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.invariant()).isEqualTo(POSITIONS_FLAT);
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        });
    }

    @Test
    void aScenarioMayNameAPluginsInvariantOnlyWhenThePluginIsOnTheClassPath() throws Exception {
        String yaml = """
            name: flat
            target: {topology: multi-region}
            load: {rate: 10/s, duration: 10s}
            invariants: [no-lost-acked-orders, positions-flat]
            """;

        Scenario withPlugin = withContextLoader(withServices(PositionsFlat.class.getName()), () -> Scenarios.parse(yaml, "flat.yaml"));

        assertThat(withPlugin.invariants()).containsExactly(Invariant.NO_LOST_ACKED_ORDERS, POSITIONS_FLAT);
        assertThatThrownBy(() -> Scenarios.parse(yaml, "flat.yaml")).isInstanceOf(ScenarioDefinitionException.class)
            .hasMessage("flat.yaml:4:36: invariants[1] [positions-flat]: not an invariant; use one of"
                + " no-lost-acked-orders, no-duplicate-orders, fills-within-quantity, balances-conserved, replicas-converge,"
                + " indeterminate-resolved");
    }

    @Test
    void anInvariantNoCheckerDecidesIsInconclusiveNeverPassed() {
        List<RunOutcome.InvariantResult> results = Checkers.check(List.of(Invariant.NO_DUPLICATE_ORDERS, POSITIONS_FLAT),
            new CheckContext(List.of(), List.of(), Map.of(), Map.of(), Map.of()));

        assertThat(results).extracting(RunOutcome.InvariantResult::name).containsExactly("no-duplicate-orders",
            "positions-flat");
        assertThat(results.get(1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(results.get(1).detail()).isEqualTo("no checker for this invariant on the class path, so it was not"
            + " checked; add the jar of the checker that decides it");
    }

    @Test
    void twoCheckersForOneInvariantAreRefusedByName() throws Exception {
        ClassLoader loader = withServices(AnotherLostAcked.class.getName());

        assertThatThrownBy(() -> Checkers.all(loader)).isInstanceOf(IllegalStateException.class)
            .hasMessage("Two checkers for invariant [no-lost-acked-orders]: [io.exchangechaos.core.check.LostAckedOrdersChecker]"
                + " and [io.exchangechaos.core.check.CheckersTest$AnotherLostAcked]; remove one of their jars from the"
                + " class path");
    }

    @Test
    void anInvariantIdIsWrittenAsInScenarioFiles() {
        assertThatThrownBy(() -> Invariant.of("Positions Flat")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invariant id [Positions Flat] is not lower-case words joined by '-'; write it like no-lost-acked-orders");
        assertThat(Invariant.of("no-lost-acked-orders")).isEqualTo(Invariant.NO_LOST_ACKED_ORDERS);
    }
}
