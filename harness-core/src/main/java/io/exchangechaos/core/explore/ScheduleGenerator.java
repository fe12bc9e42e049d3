package io.exchangechaos.core.explore;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.TimelineStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Random fault schedules, reproducible: schedule {@code i} of seed {@code s} is the same on every machine and every
 * Java version (its own SplitMix64, not {@code java.util.Random}). A schedule has 1 to {@code maxSteps} steps, each a
 * {@link FaultMenu} choice at a whole second, lasting whole seconds; about half the later steps start while an earlier
 * one is still in force (overlaps, heals during faults), and a quarter of the faults go to the leader or its region (a
 * second one hits whoever leads by then). Every fault starts
 * after the first sixth of the load and heals before its last quarter, so the baseline and the recovery are observed.
 */
public final class ScheduleGenerator {
    private final FaultMenu menu;
    private final Duration load;
    private final int maxSteps;
    private final long seed;

    public ScheduleGenerator(FaultMenu menu, Duration load, int maxSteps, long seed) {
        if (menu.isEmpty()) {
            throw new IllegalArgumentException("no fault to choose from");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1");
        }
        if (lastHeal(load) - firstStart(load) < 1) {
            throw new IllegalArgumentException("a load of " + load.toSeconds() + " s leaves no room for a fault; at least "
                + MIN_LOAD.toSeconds() + " s");
        }
        this.menu = menu;
        this.load = load;
        this.maxSteps = maxSteps;
        this.seed = seed;
    }

    /** The shortest load with room for a fault of one second between the baseline and the recovery. */
    public static final Duration MIN_LOAD = Duration.ofSeconds(6);

    static long firstStart(Duration load) {
        return Math.max(1, load.toSeconds() / 6);
    }

    static long lastHeal(Duration load) {
        return load.toSeconds() - Math.max(2, (load.toSeconds() + 3) / 4);
    }

    /** Schedule number {@code index} (0, 1, …) of this seed; in time order, valid for the topology the menu came from. */
    public List<TimelineStep> schedule(int index) {
        SplitMix64 random = new SplitMix64(seed * 0x9E3779B97F4A7C15L + index);
        long from = firstStart(load);
        long until = lastHeal(load);
        int steps = 1 + random.below(maxSteps);
        List<TimelineStep> out = new ArrayList<>();
        for (int n = 0; n < steps; n++) {
            long at;
            if (!out.isEmpty() && random.below(2) == 0) {
                // overlap an earlier step: start while it is in force
                TimelineStep earlier = out.get(random.below(out.size()));
                long a = earlier.at().toSeconds();
                long b = earlier.healsAt(load).toSeconds();
                at = Math.min(a + random.below((int) Math.max(1, b - a)), until - 1);
            } else {
                at = from + random.below((int) (until - from));
            }
            for (int attempt = 0; attempt < 8; attempt++) {
                FaultMenu.Choice c = pick(random);
                long longest = until - at;
                long seconds = 1 + random.below((int) longest);
                TimelineStep step = step(c, at, seconds);
                if (!clashes(out, step)) {
                    out.add(step);
                    break;
                }
            }
        }
        out.sort(Comparator.comparing(TimelineStep::at));
        return List.copyOf(out);
    }

    /** A quarter of the picks go to the leader (or its region) when the menu has it: where exchanges break. */
    private FaultMenu.Choice pick(SplitMix64 random) {
        List<FaultMenu.Choice> leader = menu.choices().stream().filter(c -> isLeader(c.target())).toList();
        if (!leader.isEmpty() && random.below(4) == 0) {
            return leader.get(random.below(leader.size()));
        }
        return menu.choices().get(random.below(menu.choices().size()));
    }

    static TimelineStep step(FaultMenu.Choice c, long at, long seconds) {
        boolean instant = FaultKinds.registered().of(c.fault()).instantaneous();
        return new TimelineStep(null, Duration.ofSeconds(at), c.fault(), c.target(),
            instant ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds))).named(defaultName(c));
    }

    private static String defaultName(FaultMenu.Choice c) {
        return FaultKinds.registered().of(c.fault()).id() + " " + c.target().describe();
    }

    /**
     * Whether {@code step} lands on a named target another step holds at that moment: the validator refuses most such
     * overlaps and the rest mean little. Targets resolved at the moment (the leader) may overlap: that is a second fault
     * on a new leader.
     */
    private boolean clashes(List<TimelineStep> earlier, TimelineStep step) {
        if (isLeader(step.target())) {
            return false;
        }
        for (TimelineStep e : earlier) {
            if (!e.target().equals(step.target())) {
                continue;
            }
            long a = e.at().toSeconds();
            long b = Math.max(e.healsAt(load).toSeconds(), a + 1);
            long c = step.at().toSeconds();
            long d = Math.max(step.healsAt(load).toSeconds(), c + 1);
            if (c < b && a < d) {
                return true;
            }
        }
        return false;
    }

    static boolean isLeader(FaultTarget t) {
        return t instanceof FaultTarget.ServiceTarget s && s.service().equals(FaultTarget.LEADER)
            || t instanceof FaultTarget.RegionTarget r && r.region().equals(FaultTarget.LEADER);
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, and the same numbers everywhere. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long next() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound). */
        int below(int bound) {
            return (int) Long.remainderUnsigned(next(), bound);
        }
    }
}
