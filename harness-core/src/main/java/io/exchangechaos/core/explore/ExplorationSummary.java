package io.exchangechaos.core.explore;

import io.exchangechaos.core.scenario.FaultKinds;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.yaml.Durations;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The exploration's {@code summary.md}: what was asked, every schedule tried with its verdict, and the shrink path. */
public final class ExplorationSummary {

    private ExplorationSummary() {
    }

    /**
     * @param command    the command line that reproduces the exploration
     * @param scenario   where the minimal scenario was written, or null
     * @param shown      how a run directory is shown (relative to the summary)
     */
    public static String markdown(String command, Explorer.Outcome o, Path scenario, Function<Path, String> shown) {
        StringBuilder b = new StringBuilder();
        b.append("# Exploration\n\n");
        b.append("Reproduce: `").append(command).append("`\n\n");
        long schedules = o.attempts().stream().filter(a -> !a.shrink()).count();
        long shrinks = o.attempts().stream().filter(Explorer.Attempt::shrink).count();
        b.append("Result: ").append(verdictLine(o, schedules, shrinks)).append("\n\n");
        b.append("| run | verdict | failed checks | kept | schedule | run directory |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Explorer.Attempt a : o.attempts()) {
            b.append("| ").append(a.label()).append(" | ").append(a.result().verdict()).append(" | ")
                .append(a.result().failedChecks().isEmpty() ? "" : String.join(", ", a.result().failedChecks()))
                .append(" | ").append(a.shrink() ? (a.kept() ? "yes" : "no") : "")
                .append(" | ").append(describe(a.schedule()).replace("|", "\\|"))
                .append(" | ").append(a.result().runDir() == null ? "" : shown.apply(a.result().runDir())).append(" |\n");
        }
        if (o.failureFound()) {
            b.append("\n## Shrink path\n\n");
            b.append("1. found: ").append(describe(o.found())).append('\n');
            int n = 2;
            for (Explorer.Attempt a : o.attempts()) {
                if (a.shrink() && a.kept()) {
                    b.append(n++).append(". ").append(a.label()).append(": ").append(describe(a.schedule())).append('\n');
                }
            }
            b.append("\nMinimal schedule (").append(o.minimal().size()).append(o.minimal().size() == 1 ? " step" : " steps")
                .append("), failing `").append(o.check()).append("`: ").append(describe(o.minimal())).append("\n\n");
            if (scenario != null) {
                b.append("Scenario: `").append(shown.apply(scenario)).append("` (run it alone: `./chaos run ")
                    .append(shown.apply(scenario)).append("`)\n");
            }
            if (o.proof() != null && o.proof().runDir() != null) {
                b.append("Proved by the run: `").append(shown.apply(o.proof().runDir())).append("`\n");
            }
            if (o.shrinkCapped()) {
                b.append("\nThe shrink stopped at its limit of runs (--shrink-runs) with smaller candidates untried.\n");
            }
        }
        if (o.stopped()) {
            b.append("\nStopped before the end (Ctrl-C or a signal); everything above was kept.\n");
        }
        return b.toString();
    }

    private static String verdictLine(Explorer.Outcome o, long schedules, long shrinks) {
        if (o.failureFound()) {
            return "a failure of `" + o.check() + "` found after " + schedules + (schedules == 1 ? " schedule" : " schedules")
                + ", shrunk from " + o.found().size() + " to " + o.minimal().size() + (o.minimal().size() == 1 ? " step" : " steps")
                + " in " + shrinks + (shrinks == 1 ? " run" : " runs");
        }
        return "no failure in " + schedules + (schedules == 1 ? " schedule" : " schedules");
    }

    /** {@code kill {service: leader} at 3s for 4s; latency 200ms (both) {links: wan} at 5s for 2s}. */
    public static String describe(List<TimelineStep> schedule) {
        StringBuilder b = new StringBuilder();
        for (TimelineStep s : schedule) {
            if (!b.isEmpty()) {
                b.append("; ");
            }
            b.append(FaultKinds.registered().describe(s.fault())).append(' ')
                .append(s.target().describe()).append(" at ").append(Durations.format(s.at()))
                .append(s.duration().map(d -> " for " + Durations.format(d)).orElse(""));
        }
        return b.toString();
    }
}
