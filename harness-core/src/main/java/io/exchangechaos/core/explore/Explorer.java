package io.exchangechaos.core.explore;

import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The exploration loop, apart from how a schedule is run: schedules 0, 1, … of the generator until one FAILs (or
 * {@code runs} are spent, or {@code stopped} says so), then the shrink: the first candidate of {@link Shrinker} that
 * still FAILs the same check replaces the schedule, and the candidates of that one are tried, until none fails that
 * check (or the shrink runs are spent). Every run is logged as an {@link Attempt}.
 */
public final class Explorer {

    /** Runs one schedule for real and says how it went. */
    @FunctionalInterface
    public interface Trial {
        /** @param label what the run is, e.g. {@code schedule 3} or {@code shrink 2}; names its scenario */
        Result run(String label, List<TimelineStep> schedule) throws Exception;
    }

    /**
     * How one run went.
     *
     * @param failedChecks the checks that failed (invariant names, budget names), in the report's order
     * @param runDir       the run's directory, or null when none was written
     */
    public record Result(Verdict verdict, List<String> failedChecks, Path runDir) {
        public Result {
            failedChecks = List.copyOf(failedChecks);
        }
    }

    /** One run of the exploration; {@code kept} for a shrink candidate that failed the same check and replaced the schedule. */
    public record Attempt(String label, boolean shrink, List<TimelineStep> schedule, Result result, boolean kept) {
    }

    /**
     * What the exploration found.
     *
     * @param found       the schedule that failed first, or null
     * @param check       the check it failed, which every kept shrink failed too
     * @param minimal     the smallest schedule that failed {@code check}, or null
     * @param proof       the run that shows {@code minimal} failing
     * @param shrinkCapped the shrink stopped at its limit of runs with candidates left untried
     * @param stopped     stopped from outside (Ctrl-C) before it finished
     */
    public record Outcome(List<Attempt> attempts, List<TimelineStep> found, String check, List<TimelineStep> minimal,
                          Result proof, boolean shrinkCapped, boolean stopped) {
        public boolean failureFound() {
            return minimal != null;
        }
    }

    private final ScheduleGenerator generator;
    private final Shrinker shrinker;
    private final Predicate<List<TimelineStep>> valid;
    private final int runs;
    private final int shrinkRuns;

    /**
     * @param valid      whether a schedule makes a valid scenario (candidates that do not are skipped, never run)
     * @param runs       how many generated schedules to try at most
     * @param shrinkRuns how many shrink candidates to run at most
     */
    public Explorer(ScheduleGenerator generator, Shrinker shrinker, Predicate<List<TimelineStep>> valid, int runs,
                    int shrinkRuns) {
        this.generator = generator;
        this.shrinker = shrinker;
        this.valid = valid;
        this.runs = runs;
        this.shrinkRuns = shrinkRuns;
    }

    /**
     * @param stopped  polled before each run: true stops the exploration, keeping what was found
     * @param progress told of each attempt as it ends
     */
    public Outcome explore(Trial trial, BooleanSupplier stopped, Consumer<Attempt> progress) throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (stopped.getAsBoolean()) {
                return new Outcome(attempts, null, null, null, null, false, true);
            }
            List<TimelineStep> schedule = generator.schedule(i);
            if (!valid.test(schedule)) {
                continue;
            }
            Result r = trial.run("schedule " + i, schedule);
            Attempt a = new Attempt("schedule " + i, false, schedule, r, r.verdict() == Verdict.FAIL);
            attempts.add(a);
            progress.accept(a);
            if (r.verdict() == Verdict.FAIL && !r.failedChecks().isEmpty()) {
                return shrink(trial, stopped, progress, attempts, schedule, r);
            }
        }
        return new Outcome(attempts, null, null, null, null, false, stopped.getAsBoolean());
    }

    private Outcome shrink(Trial trial, BooleanSupplier stopped, Consumer<Attempt> progress, List<Attempt> attempts,
                           List<TimelineStep> found, Result foundResult) throws Exception {
        String check = foundResult.failedChecks().get(0);
        List<TimelineStep> current = found;
        Result proof = foundResult;
        Set<List<TimelineStep>> tried = new HashSet<>();
        tried.add(found);
        int spent = 0;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (List<TimelineStep> candidate : shrinker.candidates(current)) {
                if (!tried.add(candidate) || !valid.test(candidate)) {
                    continue;
                }
                if (stopped.getAsBoolean()) {
                    return new Outcome(attempts, found, check, current, proof, false, true);
                }
                if (spent == shrinkRuns) {
                    return new Outcome(attempts, found, check, current, proof, true, false);
                }
                spent++;
                Result r = trial.run("shrink " + spent, candidate);
                boolean same = r.verdict() == Verdict.FAIL && r.failedChecks().contains(check);
                Attempt a = new Attempt("shrink " + spent, true, candidate, r, same);
                attempts.add(a);
                progress.accept(a);
                if (same) {
                    current = candidate;
                    proof = r;
                    smaller = true;
                    break;
                }
            }
        }
        return new Outcome(attempts, found, check, current, proof, false, stopped.getAsBoolean());
    }
}
