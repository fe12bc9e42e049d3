package io.exchangechaos.core.assertions;

import io.exchangechaos.core.scenario.Budget;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.scenario.Phase;
import io.exchangechaos.core.verdict.BudgetEvaluator;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link RunOutcome}. Failures name the values in brackets and the run's findings. An assertion
 * about something the run could not observe fails and says so: {@link #hasNoLostOrders()} on a run that acknowledged
 * nothing, {@link #holds(Invariant)} of an invariant the run did not check.
 */
public final class RunOutcomeAssert extends AbstractAssert<RunOutcomeAssert, RunOutcome> {

    RunOutcomeAssert(RunOutcome actual) {
        super(actual, RunOutcomeAssert.class);
    }

    /** The verdict is PASS: every budget and invariant held, and the run could vouch for its figures. */
    public RunOutcomeAssert passed() {
        return hasVerdict(Verdict.PASS);
    }

    public RunOutcomeAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            throw failure("Expected verdict [%s] but was [%s]; findings:%s", expected, actual.verdict(), findings());
        }
        return this;
    }

    /** At least {@code count} orders were acknowledged. */
    public RunOutcomeAssert acknowledgedAtLeast(long count) {
        isNotNull();
        RunOutcome.Orders o = actual.orders();
        if (o.acked() < count) {
            throw failure("Expected at least [%d] acknowledged orders but [%d] were, of [%d] sent ([%d] rejected, [%d] failed,"
                + " [%d] unknown)", count, o.acked(), o.sent(), o.rejected(), o.failed(), o.indeterminate());
        }
        return this;
    }

    /**
     * Every acknowledged order is in the exchange's final state: {@code no-lost-acked-orders} was checked and held.
     * Fails on a run that acknowledged nothing, where there was nothing to lose.
     */
    public RunOutcomeAssert hasNoLostOrders() {
        return noneOf(Invariant.NO_LOST_ACKED_ORDERS, "lost acknowledged orders", "lost orders");
    }

    /**
     * No client order id became two orders: {@code no-duplicate-orders} was checked and held. Fails on a run that
     * acknowledged nothing, where there was nothing to duplicate.
     */
    public RunOutcomeAssert hasNoDuplicateOrders() {
        return noneOf(Invariant.NO_DUPLICATE_ORDERS, "duplicate orders", "duplicate orders");
    }

    private RunOutcomeAssert noneOf(Invariant invariant, String what, String about) {
        isNotNull();
        if (actual.orders().acked() == 0) {
            throw failure("Expected no %s but no order was acknowledged, so nothing can be said about %s ([%d] sent)",
                what, about, actual.orders().sent());
        }
        RunOutcome.InvariantResult r = checked(invariant, "no " + what);
        if (r.verdict() == Verdict.FAIL) {
            throw failure("Expected no %s but there were [%d]: %s; e.g. %s", what, r.violations(), r.detail(), r.examples());
        }
        if (r.verdict() != Verdict.PASS) {
            throw failure("Expected no %s but [%s] was [%s]: %s", what, invariant, r.verdict(), r.detail());
        }
        return this;
    }

    /** The invariant was checked and held. */
    public RunOutcomeAssert holds(Invariant invariant) {
        isNotNull();
        RunOutcome.InvariantResult r = checked(invariant, "invariant [" + invariant + "] to hold");
        if (r.verdict() != Verdict.PASS) {
            throw failure("Expected invariant [%s] to hold but it was [%s] with [%d] violations: %s; e.g. %s", invariant,
                r.verdict(), r.violations(), r.detail(), r.examples());
        }
        return this;
    }

    /** The invariant was checked and found violated (FAIL); an invariant that could not be checked is not violated. */
    public RunOutcomeAssert violates(Invariant invariant) {
        isNotNull();
        RunOutcome.InvariantResult r = checked(invariant, "invariant [" + invariant + "] to be violated");
        if (r.verdict() != Verdict.FAIL) {
            throw failure("Expected invariant [%s] to be violated but it was [%s]: %s", invariant, r.verdict(), r.detail());
        }
        return this;
    }

    private RunOutcome.InvariantResult checked(Invariant invariant, String expected) {
        RunOutcome.InvariantResult r = actual.invariant(invariant).orElseThrow(() -> failure("Expected %s but the run did"
            + " not check [%s]; it checked %s", expected, invariant,
            actual.invariants().stream().map(RunOutcome.InvariantResult::name).toList()));
        if (!r.checked()) {
            throw failure("Expected %s but [%s] was NOT CHECKED: %s", expected, invariant, r.detail());
        }
        return r;
    }

    /**
     * The latency budget on this percentile, operation and phase, whatever its limit:
     * {@code budget(p99(PLACE).during(FAULT)).failed()}.
     */
    public BudgetAssert budget(Budget.LatencyBudget.During budget) {
        String prefix = BudgetEvaluator.namePrefix(budget);
        return budget(prefix + "…", r -> r.name().startsWith(prefix));
    }

    /** The error-ratio budget on this operation and phase, whatever its limit: {@code budget(errorRatio(ANY).during(FAULT))}. */
    public BudgetAssert budget(Budget.ErrorRatioBudget.During budget) {
        String prefix = BudgetEvaluator.namePrefix(budget);
        return budget(prefix + "…", r -> r.name().startsWith(prefix));
    }

    /** The scenario's recovery budget, whatever its limit: {@code recoveryBudget().failed()}. */
    public BudgetAssert recoveryBudget() {
        return budget(BudgetEvaluator.RECOVERY_NAME_PREFIX + "…", r -> r.name().startsWith(BudgetEvaluator.RECOVERY_NAME_PREFIX));
    }

    /** The budget exactly as the scenario gave it, limit included: {@code budget(recoveryWithin(ofSeconds(20)))}. */
    public BudgetAssert budget(Budget budget) {
        String name = BudgetEvaluator.name(budget);
        return budget(name, r -> r.name().equals(name));
    }

    private BudgetAssert budget(String described, Predicate<RunOutcome.BudgetResult> matches) {
        isNotNull();
        List<RunOutcome.BudgetResult> found = actual.budgets().stream().filter(matches).toList();
        if (found.size() != 1) {
            throw failure("Expected one budget [%s] but the run judged %s of them among %s", described,
                found.isEmpty() ? "none" : "[" + found.size() + "]",
                actual.budgets().stream().map(RunOutcome.BudgetResult::name).toList());
        }
        return new BudgetAssert(found.get(0));
    }

    /**
     * After the faults, the exchange recovered within {@code max}, as the scenario's recovery budget defines recovered
     * (a window of good seconds). Fails when the run measured no recovery.
     */
    public RunOutcomeAssert recoveredWithin(Duration max) {
        isNotNull();
        RunOutcome.Recovery r = actual.recovery();
        if (r.took().isEmpty()) {
            throw failure("Expected recovery within [%s] but none was seen: %s", Durations.format(max), r.detail());
        }
        if (r.took().get().compareTo(max) > 0) {
            throw failure("Expected recovery within [%s] but it took [%s]: %s", Durations.format(max),
                Durations.format(r.took().get()), r.detail());
        }
        return this;
    }

    /** Latency of the given phase, for percentile assertions. */
    public LatencyAssert latency(Phase phase) {
        isNotNull();
        RunOutcome.LatencySummary s = actual.latency(phase).orElseThrow(() -> failure("Expected latency figures for phase"
            + " [%s] but the run has only %s", phase.id(), actual.latency().keySet().stream().map(Phase::id).toList()));
        return new LatencyAssert(phase, s);
    }

    private String findings() {
        return actual.findings().stream().map(Finding::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
