package io.exchangechaos.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topology;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultExecutorTest {
    @TempDir
    Path dir;

    /** A stack of local processes that must not be touched: every call but the ones named fails the test. */
    private static final class UntouchedLocalStack implements Stack {
        @Override public Topology topology() { throw new AssertionError("topology read"); }
        @Override public List<URI> entrypoints() { throw new AssertionError(); }
        @Override public List<URI> replicas() { throw new AssertionError(); }
        @Override public URI serviceUrl(String service) { throw new AssertionError(); }
        @Override public Optional<String> leaderService() { throw new AssertionError(); }
        @Override public String backend() { return "local"; }
        @Override public <T> Optional<T> facet(Class<T> type) { throw new AssertionError("facet " + type.getSimpleName() + " asked"); }
        @Override public void close() { }
    }

    @Test
    void aPartitionBetweenTwoRegionsIsRefusedOnLocalProcessesAndTouchesNothing() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        FaultExecutor executor = new FaultExecutor(new UntouchedLocalStack(), FaultRecorder.using(new FaultLedger(ledger)), dir);
        TimelineStep step = new TimelineStep("cut r1 from r2", Duration.ofSeconds(20), new Fault.Partition(),
            new FaultTarget.BetweenTarget(List.of("r1", "r2")), Optional.of(Duration.ofSeconds(20)));

        assertThatThrownBy(() -> executor.inject(step))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessage("a partition {between: [r1, r2]} needs --backend docker: on local processes each link's proxy"
                + " carries every region's traffic into its service, so cutting it would cut the other regions too;"
                + " run with --backend docker, or partition a whole region");
        assertThat(!Files.exists(ledger) || Files.readAllLines(ledger).isEmpty()).as("nothing in the ledger").isTrue();
    }
}
