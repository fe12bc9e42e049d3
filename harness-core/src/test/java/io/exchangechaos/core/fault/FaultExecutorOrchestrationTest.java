package io.exchangechaos.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor only orchestrates: it picks the first injector that handles a step on the stack's backend, resolves
 * the leader before the injector sees the target, and refuses a step no injector takes before anything is recorded.
 * Recording fake injectors stand in for the real ones (fault-injectors), which this module does not know.
 */
class FaultExecutorOrchestrationTest {
    @TempDir
    Path dir;

    private final Topology topology = Topologies.load(Topologies.MULTI_REGION);

    /** Takes process faults on {@code backend}, records what it was given, applies nothing. */
    private static final class Recording implements FaultInjector {
        final String name;
        final String backend;
        final List<String> calls = new ArrayList<>();

        Recording(String name, String backend) {
            this.name = name;
            this.backend = backend;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean handles(Fault<?> fault, FaultTarget target, String backend) {
            return fault instanceof Fault.Kill && this.backend.equals(backend);
        }

        @Override
        public Optional<String> refusal(Fault<?> fault, FaultTarget target, String backend) {
            return fault instanceof Fault.Freeze ? Optional.of(name + " freezes only on " + this.backend) : Optional.empty();
        }

        @Override
        public Injection inject(Fault<?> fault, FaultTarget target, InjectionContext cx) {
            calls.add("inject " + target.describe() + " on " + cx.stack().backend());
            return new Injection(name + " " + target.describe(), List.of());
        }

        @Override
        public void warmUp(Fault<?> fault, FaultTarget target, InjectionContext cx) {
            calls.add("warm up " + target.describe());
        }
    }

    /** A stack of {@code backend} whose engine leader is engine-r2; nothing else of it is asked. */
    private record LeaderInR2(Topology topology, String backend) implements Stack {
        @Override
        public Optional<String> leaderService() {
            return Optional.of("engine-r2");
        }

        @Override
        public <T> Optional<T> facet(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public List<URI> entrypoints() {
            throw new AssertionError();
        }

        @Override
        public List<URI> replicas() {
            throw new AssertionError();
        }

        @Override
        public URI serviceUrl(String service) {
            throw new AssertionError();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theFirstInjectorThatHandlesTheStepOnTheBackendGetsItWithTheLeaderResolved() {
        Recording local = new Recording("process", "local");
        Recording docker = new Recording("container", "docker");
        FaultExecutor executor = executor(new LeaderInR2(topology, "docker"), local, docker);

        ActiveStep active = executor.inject(step(new Fault.Kill(), new FaultTarget.RegionTarget("leader")));
        executor.warmUp(List.of(step(new Fault.Kill(), new FaultTarget.ServiceTarget("leader"))));

        assertThat(local.calls).isEmpty();
        assertThat(docker.calls).containsExactly("inject {region: r2} on docker", "warm up {service: engine-r2}");
        assertThat(active.target()).isEqualTo("container {region: r2}");
        assertThat(active.type()).isEqualTo("kill");
        assertThat(active.parts()).isEmpty();
    }

    @Test
    void aStepNoInjectorTakesIsRefusedBeforeAnythingIsRecorded() throws Exception {
        Recording local = new Recording("process", "local");
        FaultExecutor executor = executor(new LeaderInR2(topology, "docker"), local);
        TimelineStep partition = step(new Fault.Partition(), new FaultTarget.RegionTarget("r1"));

        assertThatThrownBy(() -> executor.inject(partition)).isInstanceOf(UnsupportedOperationException.class)
            .hasMessage("no fault injector applies partition to {region: r1} on backend [docker] (step [cut]); injectors:"
                + " [process]. Change the target or the backend, or add the plugin that injects it");
        assertThatThrownBy(() -> executor.inject(step(new Fault.Freeze(), new FaultTarget.RegionTarget("r1"))))
            .hasMessage("process freezes only on local");
        assertThat(FaultInjectors.of(List.of(local)).refusals(List.of(partition, step(new Fault.Kill(),
            new FaultTarget.ServiceTarget("engine-r1"))), "local")).singleElement().asString().startsWith("no fault injector applies partition");
        assertThat(local.calls).isEmpty();
        Path ledger = dir.resolve("ledger.jsonl");
        assertThat(!Files.exists(ledger) || Files.readAllLines(ledger).isEmpty()).as("nothing in the ledger").isTrue();
    }

    @Test
    void withoutInjectorsOnTheClassPathTheMessageNamesTheArtifact() {
        // this module's class path has none: fault-injectors depends on it, not the other way round
        assertThat(FaultInjectors.load().all()).isEmpty();

        assertThatThrownBy(() -> FaultInjectors.load().forStep(step(new Fault.Kill(), new FaultTarget.RegionTarget("r1")), "local"))
            .hasMessage("no fault injector on the class path, so [cut] (kill) cannot be injected: add the artifact"
                + " io.exchangechaos:fault-injectors to the class path");
    }

    private FaultExecutor executor(Stack stack, FaultInjector... injectors) {
        return new FaultExecutor(stack, FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl"))), dir,
            FaultInjectors.of(List.of(injectors)));
    }

    private static TimelineStep step(Fault<?> fault, FaultTarget target) {
        return new TimelineStep("cut", Duration.ofSeconds(20), fault, target, Optional.of(Duration.ofSeconds(5)));
    }
}
