package io.exchangechaos.core.run;

import static io.exchangechaos.core.scenario.ScenarioDsl.openLoad;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.ScenarioYaml;
import io.exchangechaos.core.topology.Topologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    private static final Instant STARTED = Instant.parse("2026-03-04T05:06:07.890Z");

    @TempDir
    Path tmp;

    private final Scenario scenario = Scenario.named("laid-out").on(Topologies.MULTI_REGION)
        .load(openLoad().rate(10).perSecond().during(ofSeconds(10))).build();

    private RunContext context(Path out) {
        RunOptions options = RunOptions.defaults().withOutRoot(out);
        return new RunContext(options, new RunAbort(options.progress()), null, scenario, null, STARTED, null);
    }

    @Test
    void aRunGetsItsDirectoryALatestLinkAndTheScenarioAsRun() throws IOException {
        Path out = tmp.resolve("runs");
        RunContext ctx = context(out);

        Workspace.open(ctx);

        assertThat(ctx.runId).isEqualTo("laid-out-20260304T050607Z");
        assertThat(ctx.runDir).isEqualTo(out.resolve("laid-out").resolve("20260304T050607Z"));
        assertThat(ctx.runDir).isDirectory();
        assertThat(Files.readSymbolicLink(out.resolve("laid-out").resolve("latest"))).isEqualTo(Path.of("20260304T050607Z"));
        assertThat(ctx.runDir.resolve("scenario.yaml")).hasContent(ScenarioYaml.write(scenario));
        assertThat(ctx.secrets.isCounting()).isTrue();
    }

    @Test
    void theLatestLinkMovesToTheNewestRun() throws IOException {
        Path out = tmp.resolve("runs");
        Workspace.open(context(out));
        RunOptions options = RunOptions.defaults().withOutRoot(out);
        RunContext later = new RunContext(options, new RunAbort(options.progress()), null, scenario, null,
            STARTED.plusSeconds(60), null);

        Workspace.open(later);

        assertThat(out.resolve("laid-out").resolve("latest").toRealPath()).isEqualTo(later.runDir.toRealPath());
    }

    @Test
    void aScenarioDirectoryLinkedOutOfTheRootIsRefused() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("runs"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("laid-out"), elsewhere);

        assertThatThrownBy(() -> Workspace.open(context(out))).isInstanceOf(IOException.class)
            .hasMessageContaining("outside the runs root").hasMessageContaining("remove the link or pass another --out");
        assertThat(elsewhere.resolve("20260304T050607Z").resolve("scenario.yaml")).doesNotExist();
    }
}
