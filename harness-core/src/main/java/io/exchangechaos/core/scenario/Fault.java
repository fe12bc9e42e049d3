package io.exchangechaos.core.scenario;

import io.exchangechaos.core.scenario.FaultTarget.ForConfig;
import io.exchangechaos.core.scenario.FaultTarget.ForDependency;
import io.exchangechaos.core.scenario.FaultTarget.ForDns;
import io.exchangechaos.core.scenario.FaultTarget.ForLink;
import io.exchangechaos.core.scenario.FaultTarget.ForProcess;
import java.time.Duration;
import java.util.Optional;

/**
 * A fault with its params; {@code T} is the kind of target it takes. Written in a scenario file as {@code fault:}
 * (its {@link FaultKind}'s id) and {@code params:}; built in Java with {@link ScenarioDsl}'s factories ({@code kill()},
 * {@code latency(ofMillis(150))}, …). Values are checked when the scenario is built. The records here are core's own
 * kinds; a plugin adds its record, its {@link FaultKind} and an injector. {@link FaultKinds#of} finds a fault's kind.
 */
public interface Fault<T extends FaultTarget> {

    /** SIGKILL; with a duration, started again after it. */
    record Kill() implements Fault<ForProcess> {
    }

    /** SIGTERM (a graceful stop); with a duration, started again after it. */
    record Terminate() implements Fault<ForProcess> {
    }

    /** SIGSTOP, then SIGCONT when healed: the process holds its sockets and answers nothing. */
    record Freeze() implements Fault<ForProcess> {
    }

    /** Stop and start again at once; takes no duration. */
    record Restart() implements Fault<ForProcess> {
    }

    /** Delay on a link: {@code latency ± jitter}, in one direction or both. */
    record Latency(Duration latency, Duration jitter, LinkStream stream) implements Fault<ForLink> {
        public Latency jitter(Duration jitter) {
            return new Latency(latency, jitter, stream);
        }

        public Latency stream(LinkStream stream) {
            return new Latency(latency, jitter, stream);
        }
    }

    /** Throughput of a link limited to {@code rateKBps} kilobytes per second. */
    record Bandwidth(long rateKBps) implements Fault<ForLink> {
    }

    /** Connections are accepted and held open, but no data passes. */
    record Blackhole() implements Fault<ForLink> {
    }

    /** Connections are reset (TCP RST). */
    record Reset() implements Fault<ForLink> {
    }

    /** The link is disabled: new connections are refused, open ones closed. */
    record Partition() implements Fault<ForLink> {
    }

    /** Connections close only {@code delay} after the peer closed them. */
    record SlowClose(Duration delay) implements Fault<ForLink> {
    }

    /** The harness's DNS server answers the targeted names in {@code mode}; {@code latency} only with LATENCY. */
    record Dns(DnsMode mode, Optional<Duration> latency) implements Fault<ForDns> {
    }

    /**
     * The dependency misbehaves in {@code mode}: {@code delay} for delay, random-delay and dribble; {@code status}
     * for error; {@code endpoint} limits the fault to one path (all paths when empty).
     */
    record Dependency(DependencyMode mode, Optional<Duration> delay, Optional<Integer> status, Optional<String> endpoint)
            implements Fault<ForDependency> {
        public Dependency endpoint(String endpoint) {
            return new Dependency(mode, delay, status, Optional.of(endpoint));
        }
    }

    /** A config of {@code kind} is pushed to the config service; healed by rolling back to the previous one. */
    record ConfigPush(ConfigKind kind, Optional<String> file) implements Fault<ForConfig> {
    }
}
