package io.exchangechaos.core.verdict;

import java.util.Collection;

/** A run's verdict. Merging keeps the worst: FAIL over INCONCLUSIVE over PASS; ABORTED (an operator stop) wins all. */
public enum Verdict {
    PASS, INCONCLUSIVE, FAIL, ABORTED;

    public Verdict and(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    public static Verdict merge(Collection<Verdict> verdicts) {
        Verdict v = PASS;
        for (Verdict each : verdicts) {
            v = v.and(each);
        }
        return v;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case PASS -> 0;
            case INCONCLUSIVE -> 1;
            case FAIL -> 2;
            case ABORTED -> 3;
        };
    }

    /** The `chaos run` exit code: 0 PASS, 1 FAIL, 3 INCONCLUSIVE or ABORTED. */
    public int exitCode() {
        return switch (this) {
            case PASS -> 0;
            case FAIL -> 1;
            case INCONCLUSIVE, ABORTED -> 3;
        };
    }
}
