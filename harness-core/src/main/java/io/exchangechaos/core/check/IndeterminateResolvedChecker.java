package io.exchangechaos.core.check;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.adapter.Capability;
import io.exchangechaos.core.adapter.OrderRecord;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.scenario.Invariant;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every operation whose outcome was unknown has been settled by asking the exchange afterwards. */
public final class IndeterminateResolvedChecker implements Checker {
    @Override
    public Invariant invariant() {
        return Invariant.INDETERMINATE_RESOLVED;
    }

    @Override
    public Needs needs() {
        return Needs.allOf(Capability.LOOKUP_BY_CLIENT_ID);
    }

    @Override
    public RunOutcome.InvariantResult check(CheckContext ctx) {
        List<String> unresolved = new ArrayList<>();
        long total = 0;
        for (Operation op : ctx.history()) {
            if (op.answer() == Answer.Kind.UNKNOWN && op.isPlace()) {
                total++;
                Optional<OrderRecord> r = ctx.resolutions().getOrDefault(op.clientOrderId(), null);
                if (r == null) {
                    unresolved.add(op.clientOrderId() + " (" + op.detail() + ")");
                }
            }
        }
        if (unresolved.isEmpty()) {
            return new RunOutcome.InvariantResult(invariant(), Verdict.PASS, 0, List.of(),
                total + " operations with unknown outcome, all resolved by querying the exchange")
                .checkedBy("look-up by client order id of " + total + " orders whose outcome was unknown");
        }
        return new RunOutcome.InvariantResult(invariant(), Verdict.INCONCLUSIVE, unresolved.size(),
            unresolved.subList(0, Math.min(Checker.EXAMPLES, unresolved.size())),
            unresolved.size() + " of " + total + " unknown outcomes could not be resolved")
            .checkedBy("look-up by client order id of " + total + " orders whose outcome was unknown");
    }
}
