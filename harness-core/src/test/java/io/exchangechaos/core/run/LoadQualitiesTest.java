package io.exchangechaos.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.adapter.Answer;
import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.load.LoadRun;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadQualitiesTest {

    static List<Operation> ops(int n, long lagMicros) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long intended = 1_000_000L * i;
            ops.add(new Operation(i, "place", "c-" + i, 1, "BTC-USD", "BUY", "LIMIT", 1, 1, "http://e/", 1, intended,
                intended + lagMicros, intended + lagMicros + 500, 500, io.exchangechaos.core.history.Outcome.OK, Answer.Kind.ACKNOWLEDGED,
                "NEW", null));
        }
        return ops;
    }

    @Test
    void onScheduleIsTrustworthy() {
        RunOutcome.LoadQuality q = LoadQualities.judge(1000, 1000, false, ops(1000, 2_000));

        assertThat(q.trustworthy()).isTrue();
        assertThat(q.detail()).isEqualTo("kept to schedule: 1000 of 1000 operations started, p99 start lag 2 ms");
        assertThat(LoadQualities.inconclusive(q, false, false)).isEmpty();
    }

    @Test
    void moreThanTenPercentShortIsInconclusive() {
        RunOutcome.LoadQuality q = LoadQualities.judge(1000, 899, false, ops(899, 2_000));

        assertThat(LoadQualities.inconclusive(q, false, false).map(Finding::toString)).contains("INCONCLUSIVE: the load generator started"
            + " 899 of 1000 planned operations (more than 10% short), so the latency figures cannot be trusted");
        assertThat(LoadQualities.judge(1000, 900, false, ops(900, 2_000)).trustworthy()).as("exactly 90%").isTrue();
        assertThat(LoadQualities.judge(1000, 500, true, ops(500, 2_000)).trustworthy()).as("cut short on purpose").isTrue();
    }

    @Test
    void aLateScheduleIsInconclusive() {
        RunOutcome.LoadQuality q = LoadQualities.judge(1000, 1000, false, ops(1000, 1_200_000));

        assertThat(LoadQualities.inconclusive(q, false, false).map(Finding::toString)).contains("INCONCLUSIVE: the load generator fell"
            + " behind its schedule: p99 start lag 1200 ms (limit 1000 ms); the machine was overloaded");
        assertThat(LoadQualities.inconclusive(q, true, false)).as("an aborted run is ABORTED, not this").isEmpty();
    }

    @Test
    void aGeneratorTooBusyToReadItsAnswersIsInconclusiveThoughItKeptItsSchedule() {
        RunOutcome.LoadQuality q = LoadQualities.judge(1000, 1000, false, ops(1000, 2_000),
            new LoadRun.Canary(600, 0, 3_050.4, 3_400));

        assertThat(q.trustworthy()).isFalse();
        assertThat(q.canarySamples()).hasValue(600);
        assertThat(q.canaryP99()).hasValue(Duration.ofNanos(3_050_400_000L));
        assertThat(LoadQualities.inconclusive(q, false, false).map(Finding::toString)).contains("INCONCLUSIVE: the load generator was too"
            + " busy to read answers on time: a stand-in on loopback that answers at once measured p99 3050 ms through it"
            + " (limit 250 ms), and every latency it reports includes that delay");
    }

    @Test
    void aQuickCanaryIsReportedAndTrusted() {
        RunOutcome.LoadQuality q = LoadQualities.judge(1000, 1000, false, ops(1000, 2_000),
            new LoadRun.Canary(600, 0, 4.2, 30));

        assertThat(q.trustworthy()).isTrue();
        assertThat(q.detail()).isEqualTo("kept to schedule: 1000 of 1000 operations started, p99 start lag 2 ms, own"
            + " latency p99 4 ms");
        assertThat(LoadQualities.judge(1000, 1000, false, ops(1000, 2_000), new LoadRun.Canary(600, 0, 250, 400))
            .trustworthy()).as("exactly the limit").isTrue();
    }

    @Test
    void tooFewCanaryAnswersDecideNothingButUnansweredOnesDo() {
        assertThat(LoadQualities.judge(1000, 1000, false, ops(1000, 2_000), new LoadRun.Canary(19, 0, 5_000, 5_000))
            .trustworthy()).as("19 answers are too few to judge by").isTrue();

        RunOutcome.LoadQuality deaf = LoadQualities.judge(1000, 1000, false, ops(1000, 2_000),
            new LoadRun.Canary(100, 40, 3, 5));
        assertThat(deaf.trustworthy()).isFalse();
        assertThat(deaf.detail()).isEqualTo("the load generator could not reach its own stand-in on loopback (40 of 140"
            + " canary requests unanswered), so its figures cannot be trusted");
    }
}
