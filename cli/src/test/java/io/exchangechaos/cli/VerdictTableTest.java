package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.core.verdict.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTableTest {

    static ScenarioRunner.Result result(String name, Verdict verdict) {
        RunOutcome outcome = RunOutcome.builder().runId(name + "-1").scenario(RunOutcome.ScenarioInfo.named(name))
            .topology("multi-region").backend("local").startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).verdict(verdict)
            .build();
        return new ScenarioRunner.Result(outcome, Path.of("runs", name, "20260101T000000Z"));
    }

    @Test
    void oneRowPerScenarioAndTheWorstVerdictLast() {
        List<RunSettings.Prepared> planned = List.of("region-loss", "dns-empty-record", "wan-degradation").stream()
            .map(n -> RunSettings.check(new RunFlags(), new java.util.ArrayList<>()).prepare(ScenarioSource.resolve(n).source())).toList();
        List<ScenarioRunner.Result> results = List.of(result("region-loss", Verdict.PASS),
            result("dns-empty-record", Verdict.FAIL));

        String table = VerdictTable.render(planned, results);

        assertThat(table).isEqualTo("""
            scenario             verdict       exit  report
            region-loss          PASS          0     runs/region-loss/20260101T000000Z/report.html
            dns-empty-record     FAIL          1     runs/dns-empty-record/20260101T000000Z/report.html
            wan-degradation      not run       -     (stopped after an interrupt)
            2 of 3 scenarios run; overall FAIL (exit 1)
            """);
    }
}
