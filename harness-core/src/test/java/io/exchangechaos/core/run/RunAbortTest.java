package io.exchangechaos.core.run;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.scenario.AbortCondition;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAbortTest {
    private static final List<AbortCondition> HALF_FOR_3_S = List.of(new AbortCondition(0.5, ofSeconds(3)));
    private static final LiveStats.Interval BAD = new LiveStats.Interval(4, 6, 0, 10);
    private static final LiveStats.Interval GOOD = new LiveStats.Interval(9, 1, 0, 10);

    private final RunAbort abort = new RunAbort(ProgressListener.NONE);

    @Test
    void aRunNotStoppedHasNoFinding() {
        assertThat(abort.requested()).isFalse();
        assertThat(abort.aborted()).isFalse();
        assertThat(abort.finding()).isEmpty();
    }

    @Test
    void anOperatorAbortsAtOnce() {
        abort.abort("operator aborted before step [kill]");

        assertThat(abort.operatorAborted()).isTrue();
        assertThat(abort.finding()).contains(new Finding(Verdict.ABORTED, Finding.ABORT, "operator aborted before step [kill]"));
    }

    @Test
    void anAbortConditionMustHoldForItsSecondsInARowAndOnlyCutsTheLoadShort() {
        int bad = abort.checkCondition(HALF_FOR_3_S, BAD, 0);
        bad = abort.checkCondition(HALF_FOR_3_S, BAD, bad);
        bad = abort.checkCondition(HALF_FOR_3_S, GOOD, bad);
        bad = abort.checkCondition(HALF_FOR_3_S, BAD, bad);
        bad = abort.checkCondition(HALF_FOR_3_S, BAD, bad);
        assertThat(abort.requested()).as("a good second starts the count again").isFalse();
        // a second without any answer says nothing either way
        bad = abort.checkCondition(HALF_FOR_3_S, new LiveStats.Interval(0, 0, 0, 0), bad);

        abort.checkCondition(HALF_FOR_3_S, BAD, bad);

        assertThat(abort.requested()).isTrue();
        assertThat(abort.operatorAborted()).isFalse();
        assertThat(abort.finding()).contains(new Finding(Verdict.FAIL, Finding.ABORT,
            "load stopped early, abort condition met: error ratio above 50% for 3 s"));
    }
}
