package io.exchangechaos.scenarios.junit;

import static io.exchangechaos.core.assertions.ChaosAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The README's quickstart test, compiled from README.md and run by JUnit for real: the extension runs the DSL-built
 * scenario on the staged exchange (local processes) once, and the test's own assertions pass on the hardened stack.
 */
class ReadmeQuickstartIT {
    @TempDir
    Path classes;

    @Test
    void theQuickstartTestPassesOnTheHardenedStack() throws Exception {
        Class<?> quickstart = ReadmeQuickstart.compile(classes);

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(quickstart)).execute();

        results.allEvents().failed().stream().forEach(e -> e.getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable).ifPresent(Throwable::printStackTrace));
        assertThat(results.allEvents().failed().count()).as("failed containers and tests").isZero();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }
}
