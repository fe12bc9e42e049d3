package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * One fault of the timeline: injected {@code at} (since load start) into {@code target}, healed after
 * {@code duration}, or at the end of the load when there is none. Built in Java as
 * {@code at(ofSeconds(20)).inject(kill()).on(leaderRegion()).lasting(ofSeconds(25)).named("lose the leader's region")}.
 *
 * @param name what the step does, for reports; defaults to {@code "<fault> <target>"}
 */
public record TimelineStep(String name, Duration at, Fault<?> fault, FaultTarget target, Optional<Duration> duration) {

    public TimelineStep {
        duration = duration == null ? Optional.empty() : duration;
    }

    /** The name a step gets when none is given: {@code kill {region: leader}}. */
    static String defaultName(Fault<?> fault, FaultTarget target) {
        return (fault == null ? "fault" : FaultKinds.registered().of(fault).id()) + (target == null ? "" : " " + target.describe());
    }

    public TimelineStep named(String name) {
        return new TimelineStep(name, at, fault, target, duration);
    }

    /** Heals the fault {@code duration} after it was injected. */
    public TimelineStep lasting(Duration duration) {
        return new TimelineStep(name, at, fault, target, Optional.of(duration));
    }

    /** When the fault heals: {@code at + duration}, at once for an instantaneous fault, else at the end of the load. */
    public Duration healsAt(Duration loadEnd) {
        if (fault != null && FaultKinds.registered().of(fault).instantaneous()) {
            return at;
        }
        return duration.map(at::plus).orElse(loadEnd);
    }

    /** Second stage: what to inject. */
    public record At(Duration at) {
        public <T extends FaultTarget> Injecting<T> inject(Fault<T> fault) {
            return new Injecting<>(at, fault);
        }
    }

    /** Last stage: where; only a target the fault can take compiles. */
    public record Injecting<T extends FaultTarget>(Duration at, Fault<T> fault) {
        public TimelineStep on(T target) {
            return new TimelineStep(defaultName(fault, target), at, fault, target, Optional.empty());
        }
    }

    @Override
    public String toString() {
        return name + " at " + Durations.format(at) + duration.map(d -> " for " + Durations.format(d)).orElse("");
    }
}
