package io.exchangechaos.report.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.core.run.RunReports;
import io.exchangechaos.core.secret.Secrets;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's report step refreshes the runs index of whatever root the run went to, safely under concurrency. */
class RunIndexRefreshTest {

    @TempDir
    Path out;

    /** A copy of the fixture run as {@code <root>/<scenario>/<stamp>/}, its reports written the way the runner does. */
    static Path run(Path root, String scenario, String stamp) throws Exception {
        Path runDir = root.resolve(scenario).resolve(stamp);
        Fixture.FAIL.copyRunFiles(runDir);
        ReportJson o = Fixture.FAIL.outcome();
        ReportJson renamed = new ReportJson(scenario + "-" + stamp, new ReportJson.ScenarioInfo(scenario,
            o.scenario().file(), o.scenario().sha256(), o.scenario().incident(), o.scenario().description()),
            o.topology(), o.backend(), o.weakness(), o.startedAt(), o.finishedAt(), o.verdict(), o.reasons(), o.budgets(),
            o.invariants(), o.orders(), o.latency(), o.recovery(), o.faults(), o.phases(), o.perSecond(), o.steadyState(),
            o.load(), o.notes(), o.environment());
        RunReports.write(renamed.toOutcome(), runDir, Secrets.none());
        return runDir;
    }

    @Test
    void everyRunRefreshesTheIndexOfTheRootItWentTo() throws Exception {
        Path custom = out.resolve("my-out");

        Path first = run(custom, "region-loss", "20261126T100000Z");
        String afterFirst = Files.readString(custom.resolve("index.html"));
        run(custom, "dns-empty-record", "20261126T100500Z");
        String afterSecond = Files.readString(custom.resolve("index.html"));

        assertThat(afterFirst).contains("1 run under this directory").contains("region-loss/20261126T100000Z/report.html");
        assertThat(afterSecond).contains("2 runs under this directory")
            .contains("region-loss/20261126T100000Z/report.html").contains("dns-empty-record/20261126T100500Z/report.html");
        assertThat(ReportVerifier.verify(first).intact()).as("the index lives outside the sealed run directory").isTrue();
        try (var files = Files.list(custom)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .as("no temporary page left behind").noneMatch(n -> n.startsWith(".index-"));
        }
    }

    @Test
    void runsFinishingTogetherAreAllListedInAWholePage() throws Exception {
        int runs = 12;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String stamp = String.format("20261126T1100%02dZ", i);
            done.add(pool.submit(() -> {
                go.await();
                return run(out, "region-loss", stamp);
            }));
        }
        go.countDown();
        for (Future<Path> f : done) {
            f.get();
        }
        pool.shutdown();

        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains(runs + " runs under this directory");
        Matcher m = Pattern.compile("region-loss/20261126T1100(\\d\\d)Z/report.html").matcher(html);
        List<String> listed = new ArrayList<>();
        while (m.find()) {
            if (!listed.contains(m.group(1))) {
                listed.add(m.group(1));
            }
        }
        assertThat(listed).hasSize(runs);
    }
}
