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
 * (the type) and {@code params:}; built in Java with {@link ScenarioDsl}'s factories ({@code kill()},
 * {@code latency(ofMillis(150))}, …). Values are checked when the scenario is built.
 */
public sealed interface Fault<T extends FaultTarget> {

    FaultType type();

    /** SIGKILL; with a duration, started again after it. */
    record Kill() implements Fault<ForProcess> {
        @Override
        public FaultType type() {
            return FaultType.KILL;
        }
    }

    /** SIGTERM (a graceful stop); with a duration, started again after it. */
    record Terminate() implements Fault<ForProcess> {
        @Override
        public FaultType type() {
            return FaultType.TERMINATE;
        }
    }

    /** SIGSTOP, then SIGCONT when healed: the process holds its sockets and answers nothing. */
    record Freeze() implements Fault<ForProcess> {
        @Override
        public FaultType type() {
            return FaultType.FREEZE;
        }
    }

    /** Stop and start again at once; takes no duration. */
    record Restart() implements Fault<ForProcess> {
        @Override
        public FaultType type() {
            return FaultType.RESTART;
        }
    }

    /** Delay on a link: {@code latency ± jitter}, in one direction or both. */
    record Latency(Duration latency, Duration jitter, LinkStream stream) implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.LATENCY;
        }

        public Latency jitter(Duration jitter) {
            return new Latency(latency, jitter, stream);
        }

        public Latency stream(LinkStream stream) {
            return new Latency(latency, jitter, stream);
        }
    }

    /** Throughput of a link limited to {@code rateKBps} kilobytes per second. */
    record Bandwidth(long rateKBps) implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.BANDWIDTH;
        }
    }

    /** Connections are accepted and held open, but no data passes. */
    record Blackhole() implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.BLACKHOLE;
        }
    }

    /** Connections are reset (TCP RST). */
    record Reset() implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.RESET;
        }
    }

    /** The link is disabled: new connections are refused, open ones closed. */
    record Partition() implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.PARTITION;
        }
    }

    /** Connections close only {@code delay} after the peer closed them. */
    record SlowClose(Duration delay) implements Fault<ForLink> {
        @Override
        public FaultType type() {
            return FaultType.SLOW_CLOSE;
        }
    }

    /** The harness's DNS server answers the targeted names in {@code mode}; {@code latency} only with LATENCY. */
    record Dns(DnsMode mode, Optional<Duration> latency) implements Fault<ForDns> {
        @Override
        public FaultType type() {
            return FaultType.DNS;
        }
    }

    /**
     * The dependency misbehaves in {@code mode}: {@code delay} for delay, random-delay and dribble; {@code status}
     * for error; {@code endpoint} limits the fault to one path (all paths when empty).
     */
    record Dependency(DependencyMode mode, Optional<Duration> delay, Optional<Integer> status, Optional<String> endpoint)
            implements Fault<ForDependency> {
        @Override
        public FaultType type() {
            return FaultType.DEPENDENCY;
        }

        public Dependency endpoint(String endpoint) {
            return new Dependency(mode, delay, status, Optional.of(endpoint));
        }
    }

    /** A config of {@code kind} is pushed to the config service; healed by rolling back to the previous one. */
    record ConfigPush(ConfigKind kind, Optional<String> file) implements Fault<ForConfig> {
        @Override
        public FaultType type() {
            return FaultType.CONFIG_PUSH;
        }
    }
}
