package io.exchangechaos.core.backend;

import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.core.topology.Weakness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Backend} starts a stack from.
 *
 * @param runDir        where its logs and data go
 * @param recorder      the fault ledger anything that could outlive a crash is recorded in first
 * @param toxiproxy     an external Toxiproxy to hold the links' proxies instead of the backend's own, if any
 * @param healthTimeout how long services may take to get healthy; empty for the backend's default
 */
public record StackRequest(Topology topology, Weakness weakness, Path runDir, FaultRecorder recorder,
                           Optional<URI> toxiproxy, Optional<Duration> healthTimeout) {
    public StackRequest {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(weakness, "weakness");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(recorder, "recorder");
        toxiproxy = toxiproxy == null ? Optional.empty() : toxiproxy;
        healthTimeout = healthTimeout == null ? Optional.empty() : healthTimeout;
    }

    public StackRequest(Topology topology, Weakness weakness, Path runDir, FaultRecorder recorder) {
        this(topology, weakness, runDir, recorder, Optional.empty(), Optional.empty());
    }

    public StackRequest withToxiproxy(Optional<URI> url) {
        return new StackRequest(topology, weakness, runDir, recorder, url, healthTimeout);
    }

    public StackRequest withHealthTimeout(Duration timeout) {
        return new StackRequest(topology, weakness, runDir, recorder, toxiproxy, Optional.of(timeout));
    }
}
