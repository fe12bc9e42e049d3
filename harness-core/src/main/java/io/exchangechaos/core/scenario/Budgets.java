package io.exchangechaos.core.scenario;

import io.exchangechaos.core.scenario.Budget.ErrorRatioBudget;
import io.exchangechaos.core.scenario.Budget.IndeterminateBudget;
import io.exchangechaos.core.scenario.Budget.LatencyBudget;
import io.exchangechaos.core.scenario.Budget.RecoveryBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every budget of a scenario, grouped as in the scenario file. */
public record Budgets(List<LatencyBudget> latency, List<ErrorRatioBudget> errorRatio, Optional<RecoveryBudget> recovery,
                      Optional<IndeterminateBudget> indeterminate) {

    public static final Budgets NONE = new Budgets(List.of(), List.of(), Optional.empty(), Optional.empty());

    public Budgets {
        latency = List.copyOf(latency);
        errorRatio = List.copyOf(errorRatio);
    }

    /**
     * Groups {@code budgets} by kind, in the order given.
     *
     * @throws IllegalArgumentException if a recovery or indeterminate budget is given twice
     */
    public static Budgets of(Budget... budgets) {
        List<LatencyBudget> latency = new ArrayList<>();
        List<ErrorRatioBudget> errorRatio = new ArrayList<>();
        RecoveryBudget recovery = null;
        IndeterminateBudget indeterminate = null;
        for (Budget budget : budgets) {
            if (budget instanceof LatencyBudget b) {
                latency.add(b);
            } else if (budget instanceof ErrorRatioBudget b) {
                errorRatio.add(b);
            } else if (budget instanceof RecoveryBudget b) {
                if (recovery != null) {
                    throw new IllegalArgumentException("budgets.recovery: given twice [" + recovery + "] and [" + b + "]; keep one");
                }
                recovery = b;
            } else if (budget instanceof IndeterminateBudget b) {
                if (indeterminate != null) {
                    throw new IllegalArgumentException("budgets.indeterminate: given twice [" + indeterminate + "] and [" + b
                            + "]; keep one");
                }
                indeterminate = b;
            }
        }
        return new Budgets(latency, errorRatio, Optional.ofNullable(recovery), Optional.ofNullable(indeterminate));
    }

    public boolean isEmpty() {
        return latency.isEmpty() && errorRatio.isEmpty() && recovery.isEmpty() && indeterminate.isEmpty();
    }
}
