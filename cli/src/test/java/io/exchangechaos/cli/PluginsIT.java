package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's adapter jar as {@code ./chaos} finds it: through a topology's {@code plugins:} and through
 * {@code --plugins}, listed by {@code ./chaos plugins} with its jar and version, chosen by {@code adapter:} for the plan;
 * an adapter no jar provides and a plugin path that is not there stop the command (exit 2) before anything starts.
 * Nothing here starts a stack.
 */
class PluginsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static Path work;
    private static Path lib;
    private static Path jar;

    @BeforeAll
    static void aVenueWithItsOwnAdapter() throws Exception {
        work = Files.createDirectories(Launcher.ROOT.resolve("cli/target/plugins-it/" + System.nanoTime()));
        lib = work.resolve("venue/lib");
        jar = PluginAdapterJar.write(lib, "acme", "1.4.2", List.of("ACME", "GLOBEX"));
        topology("with-plugins", "adapter: acme\nplugins: [lib]\n");
        topology("without-plugins", "adapter: acme\n");
        topology("unknown-adapter", "adapter: nasdaq-ouch\n");
        topology("missing-plugin", "adapter: acme\nplugins: [lib, missing/acme-extras.jar]\n");
        scenario("equities", "with-plugins", "  symbols: [ACME, GLOBEX]\n");
        scenario("equities-elsewhere", "without-plugins", "  symbols: [ACME]\n");
        scenario("no-such-adapter", "unknown-adapter", "");
        scenario("plugin-missing", "missing-plugin", "");
        Files.writeString(work.resolve("venue/retries.yaml"), Files.readString(work.resolve("venue/equities.yaml"))
            .replace("name: equities", "name: retries")
            .replace("invariants: [no-lost-acked-orders]", "invariants: [no-lost-acked-orders, no-duplicate-orders]"));
    }

    @Test
    void pluginsListsTheHarnessesOwnAndAPluginJarsWithJarAndVersion() throws Exception {
        // WHEN the plugins are listed with the jar's directory, and then through a topology naming it
        Launcher.Result byFlag = Launcher.chaos(work, Map.of(), TIMEOUT, "plugins", "--plugins", lib.toString());
        Launcher.Result byTopology = Launcher.chaos(work, Map.of(), TIMEOUT, "plugins", "--topology",
            work.resolve("venue/with-plugins.yaml").toString());
        Launcher.Result bare = Launcher.chaos(work, Map.of(), TIMEOUT, "plugins");

        // THEN both list the user's adapter beside the built-in one, each with its version and jar
        for (Launcher.Result r : List.of(byFlag, byTopology)) {
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Plugin jars: " + jar)
                .containsPattern("(?m)^  acme +1\\.4\\.2 +" + Pattern.quote(jar.toString()) + "$")
                .containsPattern("(?m)^  staged-rest +\\S+ +built in$")
                .containsPattern("(?m)^  no-lost-acked-orders +\\S+ +built in$")
                .containsPattern("(?m)^  latency +\\S+ +built in$")
                .containsPattern("(?m)^  toxiproxy +\\S+ +built in$");
        }
        // AND without them there is no acme
        assertThat(bare.exit()).isZero();
        assertThat(bare.out()).contains("Plugin jars: none").doesNotContain("acme");
    }

    @Test
    void theTopologysAdapterFromItsPluginsIsThePlansAndTradesItsSymbols() throws Exception {
        // WHEN a scenario on the topology that names acme and its jar is planned
        Launcher.Result plan = Launcher.chaos(work, Map.of(), TIMEOUT, "run", work.resolve("venue/equities.yaml").toString(),
            "--dry-run");

        // THEN the plan names the adapter with its version and jar, and ACME is a symbol for it
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("  adapter:      acme 1.4.2 (" + jar + ")").contains("; ACME, GLOBEX; ");
    }

    @Test
    void aTopologysAdapterIsFoundThroughPluginsOnTheCommandLine() throws Exception {
        String scenario = work.resolve("venue/equities-elsewhere.yaml").toString();

        // WHEN the topology names acme but not its jar
        Launcher.Result without = Launcher.chaos(work, Map.of(), TIMEOUT, "validate", scenario);
        Launcher.Result with = Launcher.chaos(work, Map.of(), TIMEOUT, "validate", scenario, "--plugins", lib.toString());
        Launcher.Result plan = Launcher.chaos(work, Map.of(), TIMEOUT, "run", scenario, "--dry-run", "--plugins", jar.toString());

        // THEN it is unknown without --plugins, located where the topology names it, and found with it
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("without-plugins.yaml:1:10: adapter [acme]: unknown adapter; known: staged-rest;"
            + " add its jar to plugins: or --plugins");
        assertThat(with.exit()).as(with.out() + with.err()).isZero();
        assertThat(with.out()).contains("equities-elsewhere.yaml: valid");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("  adapter:      acme 1.4.2 (" + jar + ")");
    }

    /** The false PASS a plain adapter used to get: duplicates cannot be counted without a listing of every order. */
    @Test
    void aCheckThePluginsAdapterCannotObserveIsRefusedBeforeAnythingStarts() throws Exception {
        Path out = work.resolve("runs-unobservable");

        // WHEN a scenario on acme (which declares no capability but look-ups) names no-duplicate-orders
        Launcher.Result validate = Launcher.chaos(work, Map.of(), TIMEOUT, "validate", work.resolve("venue/retries.yaml").toString());
        Launcher.Result run = Launcher.chaos(work, Map.of(), TIMEOUT, "run", work.resolve("venue/retries.yaml").toString(),
            "--out", out.toString());

        // THEN both exit 2 where the scenario names it, naming what the adapter lacks, and nothing ran
        for (Launcher.Result r : List.of(validate, run)) {
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("retries.yaml:").contains("invariants[1] [no-duplicate-orders]: adapter [acme] cannot")
                .contains("(needs LIST_ORDERS and ATTRIBUTION)").doesNotContain("\tat ");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void anAdapterNoJarProvidesStopsTheRunBeforeAnythingStarts() throws Exception {
        Path out = work.resolve("runs-unknown-adapter");

        // WHEN a scenario on a topology naming an adapter nobody provides is run
        Launcher.Result r = Launcher.chaos(work, Map.of(), TIMEOUT, "run", work.resolve("venue/no-such-adapter.yaml").toString(),
            "--out", out.toString());

        // THEN exit 2 with the located problem and its fix, and no run directory
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("unknown-adapter.yaml:1:10: adapter [nasdaq-ouch]: unknown adapter; known: staged-rest;"
            + " add its jar to plugins: or --plugins").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("Running");
        assertThat(out.resolve("no-such-adapter")).doesNotExist();
    }

    @Test
    void aPluginPathThatIsNotThereStopsTheRunBeforeAnythingStarts() throws Exception {
        Path out = work.resolve("runs-missing-plugin");

        // WHEN the topology lists a jar that is not there, or --plugins names a directory that is not there
        Launcher.Result inTopology = Launcher.chaos(work, Map.of(), TIMEOUT, "run",
            work.resolve("venue/plugin-missing.yaml").toString(), "--out", out.toString());
        Launcher.Result onCommandLine = Launcher.chaos(work, Map.of(), TIMEOUT, "run",
            work.resolve("venue/equities.yaml").toString(), "--plugins", "no-such-dir", "--out", out.toString());

        // THEN both are refused (exit 2), located, and nothing ran
        assertThat(inTopology.exit()).as(inTopology.out() + inTopology.err()).isEqualTo(2);
        assertThat(inTopology.err()).contains("missing-plugin.yaml:2:16: plugins[1] [missing/acme-extras.jar]: no such file"
            + " or directory; give a plugin jar or a directory of jars (paths are relative to this topology file)");
        assertThat(onCommandLine.exit()).as(onCommandLine.out() + onCommandLine.err()).isEqualTo(2);
        assertThat(onCommandLine.err()).contains("--plugins [no-such-dir]: no such file or directory; give a plugin jar or"
            + " a directory of jars (relative to " + work + ")");
        assertThat(out).doesNotExist();
    }

    private static void topology(String name, String head) throws Exception {
        String yaml = head + Files.readString(Launcher.ROOT.resolve("exchange-stack/topologies/single-region.yaml"));
        Files.createDirectories(work.resolve("venue"));
        Files.writeString(work.resolve("venue/" + name + ".yaml"), yaml);
    }

    private static void scenario(String name, String topology, String symbols) throws Exception {
        Files.writeString(work.resolve("venue/" + name + ".yaml"), "name: " + name + "\n"
            + "target:\n"
            + "  topology: " + topology + ".yaml\n"
            + "load:\n"
            + "  rate: 20/s\n"
            + "  rampUp: 0s\n"
            + "  duration: 10s\n"
            + "  mix: {limit: 0.7, market: 0.1, cancel: 0.2}\n"
            + symbols
            + "invariants: [no-lost-acked-orders]\n");
    }
}
