package io.exchangechaos.core.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open-model arrival schedule as a list of segments of constant or linearly ramping rate, in the order
 * Gatling injects them. It answers when the k-th arrival was meant to happen, so the harness can tell how far
 * the load generator fell behind its own schedule.
 */
public final class Schedule {
    private final List<Segment> segments;

    /** @param fromRate rate at the segment's start; toRate at its end (equal for a constant segment) */
    public record Segment(double fromRate, double toRate, Duration duration) {
        double users() {
            return (fromRate + toRate) / 2 * seconds();
        }

        double seconds() {
            return duration.toNanos() / 1e9;
        }
    }

    private Schedule(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public static Schedule of(LoadPlan plan) {
        List<Segment> out = new ArrayList<>();
        Duration ramp = plan.rampUp().compareTo(plan.duration()) > 0 ? plan.duration() : plan.rampUp();
        if (!ramp.isZero()) {
            out.add(new Segment(1, plan.ratePerSecond(), ramp));
        }
        Duration t = ramp;
        List<LoadPlan.Surge> surges = plan.surges().stream()
            .sorted(Comparator.comparing(LoadPlan.Surge::at)).toList();
        for (LoadPlan.Surge s : surges) {
            if (s.at().compareTo(t) > 0) {
                out.add(new Segment(plan.ratePerSecond(), plan.ratePerSecond(), s.at().minus(t)));
                t = s.at();
            }
            Duration d = s.duration();
            if (t.plus(d).compareTo(plan.duration()) > 0) {
                d = plan.duration().minus(t);
            }
            if (!d.isNegative() && !d.isZero()) {
                out.add(new Segment(s.ratePerSecond(), s.ratePerSecond(), d));
                t = t.plus(d);
            }
        }
        if (plan.duration().compareTo(t) > 0) {
            out.add(new Segment(plan.ratePerSecond(), plan.ratePerSecond(), plan.duration().minus(t)));
        }
        return new Schedule(out);
    }

    public List<Segment> segments() {
        return segments;
    }

    public long expectedUsers() {
        double total = 0;
        for (Segment s : segments) {
            total += s.users();
        }
        return Math.round(total);
    }

    /** Seconds after the load started at which arrival number {@code k} (from 0) was due. */
    public double intendedOffsetSeconds(long k) {
        double before = 0;
        double start = 0;
        for (Segment s : segments) {
            double users = s.users();
            if (k < before + users) {
                double i = k - before;
                double a = (s.toRate() - s.fromRate()) / (2 * s.seconds());
                double b = s.fromRate();
                // solve a t^2 + b t = i for the segment-local time t
                double t = Math.abs(a) < 1e-12 ? i / b : (-b + Math.sqrt(b * b + 4 * a * i)) / (2 * a);
                return start + t;
            }
            before += users;
            start += s.seconds();
        }
        return start;
    }
}
