package io.exchangechaos.cli;

import io.exchangechaos.core.run.ScenarioRunner;
import io.exchangechaos.core.verdict.Verdict;
import java.util.List;

/** The table {@code run --all} ends with: one row per scenario, the worst verdict last. */
final class VerdictTable {

    private VerdictTable() {
    }

    static String render(List<RunSettings.Prepared> planned, List<ScenarioRunner.Result> results) {
        StringBuilder out = new StringBuilder();
        String format = "%-20s %-13s %-5s %s%n";
        out.append(String.format(format, "scenario", "verdict", "exit", "report"));
        for (int i = 0; i < planned.size(); i++) {
            String name = planned.get(i).effective().name();
            if (i < results.size()) {
                ScenarioRunner.Result r = results.get(i);
                out.append(String.format(format, name, r.outcome().verdict(), r.outcome().verdict().exitCode(),
                    RunSession.shown(r.runDir().resolve("report.html"))));
            } else {
                out.append(String.format(format, name, "not run", "-", "(stopped after an interrupt)"));
            }
        }
        Verdict worst = Verdict.merge(results.stream().map(r -> r.outcome().verdict()).toList());
        out.append(String.format("%d of %d scenarios run; overall %s (exit %d)%n", results.size(), planned.size(), worst,
            worst.exitCode()));
        return out.toString();
    }
}
