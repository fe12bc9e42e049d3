package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import io.exchangechaos.core.yaml.Problems;
import java.time.Duration;
import java.util.List;

/**
 * Steps on the same target whose times overlap. Where the overlap cannot mean anything it is an error: the same fault
 * twice on one target at once, or any process fault on a target that an earlier kill or terminate holds down (nothing
 * runs there to act on). A kill or terminate during a freeze of the same target works, but heals oddly (the thaw finds
 * the processes gone, they start again only when the kill heals): a warning. Targets resolved at the moment ("leader")
 * are left out: killing the leader twice kills two leaders.
 */
final class TimelineOverlaps {

    private TimelineOverlaps() {
    }

    /** Adds an error at {@code timeline[j].at} for each meaningless overlap. */
    static void errors(List<TimelineStep> timeline, Duration loadEnd, Problems problems) {
        check(timeline, loadEnd, problems, false);
    }

    /** Adds a warning (as a problem, for a reader to print as one) at {@code timeline[j].at} for each odd overlap. */
    static void warnings(List<TimelineStep> timeline, Duration loadEnd, Problems problems) {
        check(timeline, loadEnd, problems, true);
    }

    private static void check(List<TimelineStep> timeline, Duration loadEnd, Problems problems, boolean warnings) {
        for (int j = 1; j < timeline.size(); j++) {
            TimelineStep later = timeline.get(j);
            if (!comparable(later) || problems.hasProblemAt("timeline[" + j + "]")) {
                continue;
            }
            for (int i = 0; i < j; i++) {
                TimelineStep earlier = timeline.get(i);
                if (!comparable(earlier) || kind(earlier).instantaneous()
                    || !earlier.target().equals(later.target())) {
                    continue;
                }
                Duration until = earlier.healsAt(loadEnd);
                if (until == null || later.at().compareTo(earlier.at()) < 0 || later.at().compareTo(until) >= 0) {
                    continue;
                }
                String message = warnings ? warning(i, earlier, later, until) : error(i, earlier, later, until);
                if (message != null) {
                    problems.add("timeline[" + j + "].at", Durations.format(later.at()), message);
                    break;
                }
            }
        }
    }

    private static String error(int i, TimelineStep earlier, TimelineStep later, Duration until) {
        String first = kind(earlier).id();
        String second = kind(later).id();
        String target = later.target().describe();
        if (first.equals(second)) {
            return "starts while timeline[" + i + "] [" + earlier.name() + "] already puts " + first + " on " + target
                + " (until " + Durations.format(until) + "); the same fault twice on one target at once means nothing:"
                + " remove one, or start this one at " + Durations.format(until) + " or later";
        }
        if (holdsDown(first) && kind(later).family() == TargetFamily.PROCESSES) {
            return "would " + second + " " + target + " while timeline[" + i + "] [" + earlier.name() + "] holds it down"
                + " with " + first + " (until " + Durations.format(until) + "): nothing runs there to " + second
                + "; start it at " + Durations.format(until) + " or later, or target something else";
        }
        return null;
    }

    private static String warning(int i, TimelineStep earlier, TimelineStep later, Duration until) {
        String first = kind(earlier).id();
        String second = kind(later).id();
        if (first.equals("freeze") && holdsDown(second)) {
            return "would " + second + " " + later.target().describe() + " while timeline[" + i + "] [" + earlier.name()
                + "] freezes it (until " + Durations.format(until) + "): the thaw then finds its processes gone, and they"
                + " start again only when this step heals; if that is what you mean, nothing to fix";
        }
        return null;
    }

    private static FaultKind<?> kind(TimelineStep step) {
        return FaultKinds.registered().of(step.fault());
    }

    /** Core's kill and terminate: the target's processes are down until the step heals. */
    private static boolean holdsDown(String kind) {
        return kind.equals("kill") || kind.equals("terminate");
    }

    /** A step with everything the check needs, on a target that is not resolved at the moment. */
    private static boolean comparable(TimelineStep step) {
        return step.at() != null && step.fault() != null && step.target() != null
            && !(step.target() instanceof FaultTarget.RegionTarget r && FaultTarget.LEADER.equals(r.region()))
            && !(step.target() instanceof FaultTarget.ServiceTarget s && FaultTarget.LEADER.equals(s.service()));
    }
}
