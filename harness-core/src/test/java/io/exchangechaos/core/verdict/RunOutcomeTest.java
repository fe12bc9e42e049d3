package io.exchangechaos.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {
    private static final Finding SLOW_LOAD = new Finding(Verdict.INCONCLUSIVE, Finding.LOAD, "the load generator fell behind");
    private static final Finding STOPPED = new Finding(Verdict.ABORTED, Finding.ABORT, "operator aborted before step [lose r1]");
    private static final Finding OVER_BUDGET = new Finding(Verdict.FAIL, "p99(place) during fault ≤ 1 s",
        "Budget [p99(place) during fault ≤ 1 s] violated: observed 1,870 ms");

    private static RunOutcome.Builder run() {
        return RunOutcome.builder().runId("region-loss-20261126T100000Z").scenario(RunOutcome.ScenarioInfo.named("region-loss"))
            .startedAt(Instant.parse("2026-11-26T10:00:00Z")).finishedAt(Instant.parse("2026-11-26T10:01:30Z"));
    }

    @Test
    void theVerdictIsTheWorstFindingAndFindingsAreListedWorstFirstByVerdictNotByText() {
        RunOutcome o = run().findings(List.of(SLOW_LOAD, STOPPED, OVER_BUDGET)).build();

        assertThat(o.verdict()).isEqualTo(Verdict.ABORTED);
        assertThat(o.findings()).containsExactly(STOPPED, OVER_BUDGET, SLOW_LOAD);
        assertThat(o.findings()).extracting(Finding::toString).first().isEqualTo("ABORTED: operator aborted before step [lose r1]");
    }

    @Test
    void aRunWithoutFindingsPassedAndSaysSo() {
        RunOutcome o = run().build();

        assertThat(o.verdict()).isEqualTo(Verdict.PASS);
        assertThat(o.findings()).containsExactly(Finding.passed());
        assertThat(o.toBuilder().findings(List.of(OVER_BUDGET)).build().findings()).as("the PASS line is not carried over")
            .containsExactly(OVER_BUDGET);
    }

    @Test
    void aVerdictSetOutrightSurvivesACopyAndAMergedOneIsMergedAgain() {
        RunOutcome readBack = run().verdict(Verdict.FAIL).build();
        RunOutcome merged = run().findings(List.of(SLOW_LOAD)).build();

        assertThat(readBack.toBuilder().build().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.toBuilder().findings(List.of(OVER_BUDGET)).build().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.toBuilder().build()).isEqualTo(merged);
    }

    @Test
    void mapTextReachesEveryTextAndReplacesSecretNamedVariables() {
        RunOutcome o = run().findings(List.of(new Finding(Verdict.INCONCLUSIVE, Finding.STACK, "token s3cr3t refused")))
            .notes(List.of(new RunOutcome.Note(Instant.parse("2026-11-26T10:00:40Z"), "alice", "s3cr3t again")))
            .environment(new RunOutcome.Environment("17", "Linux", 2, "abc", "0.1.0", "host",
                Map.of("CHAOS_API_TOKEN", "s3cr3t", "CHAOS_RATE", "100"), List.of("-Dpw=s3cr3t")))
            .build();

        UnaryOperator<String> text = t -> t.replace("s3cr3t", "[redacted]");
        RunOutcome clean = o.mapText(text, (name, value) -> name.contains("TOKEN") ? "[redacted]" : text.apply(value));

        assertThat(clean.findings()).extracting(Finding::reason).containsExactly("token [redacted] refused");
        assertThat(clean.notes()).extracting(RunOutcome.Note::text).containsExactly("[redacted] again");
        assertThat(clean.environment().variables()).containsEntry("CHAOS_API_TOKEN", "[redacted]").containsEntry("CHAOS_RATE", "100");
        assertThat(clean.environment().jvmArguments()).containsExactly("-Dpw=[redacted]");
        assertThat(clean.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theRedactionTallyAndTheSignerSurviveACopy() {
        RunOutcome o = run().build();
        assertThat(o.redactions()).as("not redacted").isEmpty();
        assertThat(o.signature()).as("unsigned").isEmpty();

        RunOutcome signed = o.withRedactions(Map.of("auth-token", 1))
            .signedBy(new RunOutcome.SignatureInfo("0123456789abcdef", "Ed25519"));

        assertThat(signed.redactions()).contains(Map.of("auth-token", 1));
        assertThat(signed.signature()).contains(new RunOutcome.SignatureInfo("0123456789abcdef", "Ed25519"));
        assertThat(signed.toBuilder().build()).isEqualTo(signed).isNotEqualTo(o);
        assertThat(signed.mapText(t -> t, (name, value) -> value).signature()).isEqualTo(signed.signature());
    }

    @Test
    void aRunThatCouldNotFinishItsReportsIsInconclusiveNotPassed() {
        RunOutcome passed = run().build();
        RunOutcome failed = run().findings(List.of(OVER_BUDGET)).build();

        RunOutcome notWritten = passed.inconclusiveBecause("the reports could not all be written: disk full");

        assertThat(notWritten.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(notWritten.findings()).containsExactly(new Finding(Verdict.INCONCLUSIVE, Finding.RUN,
            "the reports could not all be written: disk full"));
        assertThat(failed.inconclusiveBecause("disk full").verdict()).as("worse already").isEqualTo(Verdict.FAIL);
        assertThat(failed.inconclusiveBecause("disk full").findings()).hasSize(2);
    }

    @Test
    void anOutcomeNeedsItsRunItsScenarioAndItsTimes() {
        assertThatThrownBy(() -> RunOutcome.builder().runId("r").build()).isInstanceOf(NullPointerException.class)
            .hasMessage("scenario");
    }
}
