package io.exchangechaos.core.verdict;

import java.util.Collection;
import java.util.Comparator;

/** A run's verdict. Merging keeps the worst: FAIL over INCONCLUSIVE over PASS; ABORTED (an operator stop) wins all. */
public enum Verdict {
    PASS, INCONCLUSIVE, FAIL, ABORTED;

    /** The worst first: ABORTED, FAIL, INCONCLUSIVE, PASS. */
    public static final Comparator<Verdict> WORST_FIRST = Comparator.comparingInt(Verdict::severity).reversed();

    public Verdict and(Verdict other) {
        return other.severity() > severity() ? other : this;
    }

    public static Verdict merge(Collection<Verdict> verdicts) {
        Verdict v = PASS;
        for (Verdict each : verdicts) {
            v = v.and(each);
        }
        return v;
    }

    /** The worst verdict of {@code findings}; PASS when there are none. */
    public static Verdict mergeFindings(Collection<Finding> findings) {
        return merge(findings.stream().map(Finding::verdict).toList());
    }

    /** How bad: PASS 0, INCONCLUSIVE 1, FAIL 2, ABORTED 3. */
    public int severity() {
        return switch (this) {
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
