package io.exchangechaos.core.run;

import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.topology.TopologyRef;
import io.exchangechaos.core.topology.Weakness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How to run a scenario; every override is optional and leaves the scenario as written when empty. Immutable:
 * each {@code with…} returns a copy.
 */
public record RunOptions(Path outRoot, String backend, Optional<TopologyRef> topology, Optional<Weakness> weakness,
                         Optional<URI> toxiproxy, OptionalLong seed, OptionalDouble rate, Optional<Duration> duration,
                         Path ledger, ProgressListener progress, StepGate gate, Optional<RunSigner> signer) {

    public static RunOptions defaults() {
        return new RunOptions(Path.of("target", "chaos-runs"), "local", Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalLong.empty(), OptionalDouble.empty(), Optional.empty(),
            FaultLedger.defaultPath(), ProgressListener.NONE, StepGate.AUTOMATIC, Optional.empty());
    }

    public RunOptions withOutRoot(Path p) {
        return new RunOptions(p, backend, topology, weakness, toxiproxy, seed, rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withBackend(String b) {
        return new RunOptions(outRoot, b, topology, weakness, toxiproxy, seed, rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withTopology(TopologyRef t) {
        return new RunOptions(outRoot, backend, Optional.of(t), weakness, toxiproxy, seed, rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withWeakness(Weakness w) {
        return new RunOptions(outRoot, backend, topology, Optional.of(w), toxiproxy, seed, rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withToxiproxy(URI u) {
        return new RunOptions(outRoot, backend, topology, weakness, Optional.of(u), seed, rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, OptionalLong.of(s), rate, duration, ledger, progress, gate, signer);
    }

    public RunOptions withRate(double r) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, OptionalDouble.of(r), duration, ledger, progress, gate, signer);
    }

    public RunOptions withDuration(Duration d) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, rate, Optional.of(d), ledger, progress, gate, signer);
    }

    public RunOptions withLedger(Path l) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, rate, duration, l, progress, gate, signer);
    }

    public RunOptions withProgress(ProgressListener p) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, rate, duration, ledger, p, gate, signer);
    }

    public RunOptions withGate(StepGate g) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, rate, duration, ledger, progress, g, signer);
    }

    /** Signs the run's manifest with {@code s} once the run directory is sealed. */
    public RunOptions withSigner(RunSigner s) {
        return new RunOptions(outRoot, backend, topology, weakness, toxiproxy, seed, rate, duration, ledger, progress, gate,
            Optional.of(s));
    }
}
