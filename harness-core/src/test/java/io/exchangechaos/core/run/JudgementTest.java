package io.exchangechaos.core.run;

import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.load.LiveStats;
import io.exchangechaos.core.scenario.AbortCondition;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.verdict.Finding;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgementTest {
    @TempDir
    Path out;

    private RunContext context() throws IOException {
        Scenario scenario = Scenario.named("judged").on(Topologies.MULTI_REGION)
            .load(openLoad().rate(10).perSecond().during(ofSeconds(10))).build();
        RunOptions options = RunOptions.defaults().withOutRoot(out);
        RunContext ctx = new RunContext(options, new RunAbort(options.progress()), null, scenario, null,
            Instant.parse("2026-01-01T00:00:00Z"), null);
        Workspace.open(ctx);
        return ctx;
    }

    @Test
    void findingsAreListedByVerdictWorstFirstWhateverTheirReasonsSay() throws IOException {
        RunContext ctx = context();
        ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS, "FAIL: reads like a failure, is not one"));
        ctx.findings.add(new Finding(Verdict.FAIL, Finding.STEADY_STATE_AFTER, "the steady state did not return"));
        ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.LOAD, "ABORTED: neither is this"));
        ctx.abort.abort("operator pressed stop");

        RunOutcome outcome = Judgement.judge(ctx, List.of(), null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.ABORTED);
        assertThat(outcome.findings()).extracting(Finding::verdict, Finding::check).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Verdict.ABORTED, Finding.ABORT),
            org.assertj.core.groups.Tuple.tuple(Verdict.FAIL, Finding.STEADY_STATE_AFTER),
            org.assertj.core.groups.Tuple.tuple(Verdict.INCONCLUSIVE, Finding.FAULTS),
            org.assertj.core.groups.Tuple.tuple(Verdict.INCONCLUSIVE, Finding.LOAD));
        assertThat(outcome.findings().get(0).reason()).isEqualTo("operator pressed stop");
    }

    @Test
    void anAbortConditionFailsTheRunAboveWhatIsInconclusive() throws IOException {
        RunContext ctx = context();
        ctx.findings.add(new Finding(Verdict.INCONCLUSIVE, Finding.FAULTS, "fault [kill] could not be injected: no"));
        AbortCondition half = new AbortCondition(0.5, ofSeconds(2));
        LiveStats.Interval bad = new LiveStats.Interval(1, 9, 0, 5.0);
        int seconds = ctx.abort.checkCondition(List.of(half), bad, 0);
        ctx.abort.checkCondition(List.of(half), bad, seconds);

        RunOutcome outcome = Judgement.judge(ctx, List.of(), null);

        assertThat(ctx.abort.operatorAborted()).isFalse();
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.findings()).extracting(Finding::toString).containsExactly(
            "FAIL: load stopped early, abort condition met: error ratio above 50% for 2 s",
            "INCONCLUSIVE: fault [kill] could not be injected: no");
    }

    @Test
    void aRunWithoutFindingsPassesWithTheOneFindingOfAPass() throws IOException {
        RunOutcome outcome = Judgement.judge(context(), List.of(), null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.findings()).containsExactly(Finding.passed());
        assertThat(outcome.scenario().sha256()).isPresent();
    }
}
