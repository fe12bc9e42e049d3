package io.exchangechaos.report.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.report.Fixture;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.manifest.Verification.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportVerifierTest {


    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void writeRun() throws Exception {
        run = Fixture.FAIL.writtenRun(tmp);
    }

    @Test
    void manifest_lists_every_other_file_and_chains_the_timeline() throws Exception {
        JsonNode manifest = ReportJson.mapper().readTree(run.resolve("manifest.json").toFile());

        assertThat(manifest.get("files").findValuesAsText("path")).containsExactlyElementsOf(sealedFiles());
        assertThat(manifest.get("files").findValuesAsText("path")).contains("history.jsonl", "logs/engine-r1.log", "report.html");
        assertThat(manifest.get("files").get(0).get("sha256").asText()).matches("[0-9a-f]{64}");
        // the recorded run's timeline: three phases, one fault injected during the fault phase and healed after it
        List<String> kinds = manifest.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsExactly("run-started", "phase-start", "phase-end", "phase-start", "fault-injected",
            "phase-end", "phase-start", "fault-healed", "phase-end", "run-finished");
        var fault = Fixture.FAIL.outcome().faults().get(0);
        assertThat(manifest.at("/timeline/4/event/at").asText()).isEqualTo(fault.injectedAt());
        assertThat(manifest.at("/timeline/4/event/second").asDouble()).isEqualTo(fault.startSecond());
        assertThat(manifest.at("/timeline/7/event/at").asText()).isEqualTo(fault.healedAt());
        assertThat(manifest.at("/timeline/9/event/verdict").asText()).isEqualTo("FAIL");
        JsonNode entries = manifest.get("timeline");
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("prev").asText()).isEqualTo(entries.get(i - 1).get("hash").asText());
        }
        assertThat(manifest.get("head").asText()).isEqualTo(entries.get(entries.size() - 1).get("hash").asText());
    }

    @Test
    void an_intact_run_verifies_and_exits_0() throws Exception {
        Verification v = ReportVerifier.verify(run);

        assertThat(v.problems()).isEmpty();
        int files = sealedFiles().size();
        assertThat(v.filesChecked()).isEqualTo(files);
        assertThat(v.eventsChecked()).isEqualTo(10);
        Cli cli = Cli.run(run.toString());
        assertThat(cli.exit).isEqualTo(0);
        assertThat(cli.out).startsWith("Run directory [" + run + "] is intact: " + files
            + " files and 10 timeline events match manifest.json (chain head ");
    }

    /** Every file of the recorded run's directory once the reports are written: its logs, history and scenario, and
     * every report with the manifest itself. */
    static Stream<String> artifacts() throws Exception {
        Path dir = Files.createTempDirectory("verifier-artifacts");
        try {
            Path run = Fixture.FAIL.writtenRun(dir);
            try (Stream<Path> walk = Files.walk(run)) {
                return walk.filter(Files::isRegularFile).map(p -> run.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList().stream();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void every_artifact_and_log_of_the_run_is_edited_in_turn() throws Exception {
        assertThat(artifacts().toList()).contains("report.json", "report.html", "junit.xml", "summary.md", "manifest.json",
            "history.jsonl", "scenario.yaml", "logs/engine-r1.log")
            .hasSize(Fixture.FAIL.dir().resolve("logs").toFile().list().length + 2 + 5); // logs, history, scenario, reports
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void editing_one_byte_of_any_artifact_names_exactly_that_file(String artifact) throws Exception {
        Path file = run.resolve(artifact);
        byte[] original = Files.readAllBytes(file);
        for (int at : new int[] {0, original.length / 3, original.length / 2, original.length - 1}) {
            // GIVEN one byte changed
            byte[] edited = original.clone();
            edited[at] = (byte) (edited[at] ^ 0x01);
            Files.write(file, edited);

            // WHEN
            Verification v = ReportVerifier.verify(run);
            Cli cli = Cli.run(run.toString());

            // THEN
            assertThat(v.files()).as("byte %d of %s", at, artifact).containsExactly(artifact);
            assertThat(cli.exit).isEqualTo(1);
            assertThat(cli.out).contains(artifact + ": ").endsWith("was altered: " + v.problems().size()
                + (v.problems().size() == 1 ? " problem" : " problems") + " in " + artifact + "\n");
            Files.write(file, original);
        }
        assertThat(ReportVerifier.verify(run).intact()).isTrue();
    }

    @Test
    void an_edited_artifact_is_reported_with_both_hashes() throws Exception {
        Files.writeString(run.resolve("summary.md"), Files.readString(run.resolve("summary.md")).replace("FAIL", "PASS"));

        Verification v = ReportVerifier.verify(run);

        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.toString()).matches("summary\\.md: altered: SHA-256 \\[[0-9a-f]{64}] but the manifest recorded "
                + "\\[[0-9a-f]{64}] \\(\\d[\\d,]* → \\d[\\d,]* bytes\\)");
        });
    }

    @Test
    void a_deleted_file_is_missing_and_an_added_one_unexpected() throws Exception {
        Files.delete(run.resolve("history.jsonl"));
        Files.writeString(run.resolve("logs/late.log"), "written after the run\n");

        Verification v = ReportVerifier.verify(run);

        assertThat(v.problems()).extracting(Verification.Problem::kind, Verification.Problem::path)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.MISSING, "history.jsonl"),
                org.assertj.core.groups.Tuple.tuple(Kind.UNEXPECTED, "logs/late.log"));
        Cli cli = Cli.run(run.toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).contains("MISSING history.jsonl: missing; the manifest recorded")
            .contains("UNEXPECTED logs/late.log: not in the manifest")
            .endsWith("was altered: 2 problems in history.jsonl, logs/late.log\n");
    }

    @Test
    void added_links_pipes_and_linked_directories_are_unexpected_and_never_followed() throws Exception {
        // GIVEN an intact run directory, then a link to a system file, a link to a directory and a named pipe added
        Files.createSymbolicLink(run.resolve("evidence.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(run.resolve("logs/more"), tmp);
        Process mkfifo = new ProcessBuilder("mkfifo", run.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        // WHEN it is verified (a pipe opened for its hash would block forever)
        Verification v = ReportVerifier.verify(run);
        Cli cli = Cli.run(run.toString());

        // THEN each is named as added, with what it is, and the verdict is "altered"
        assertThat(v.problems()).extracting(Verification.Problem::kind, Verification.Problem::toString).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.UNEXPECTED, "evidence.txt: not in the manifest: a symbolic link to "
                + "[/etc/passwd], added after the run (a run writes regular files only; verify follows no links)"),
            org.assertj.core.groups.Tuple.tuple(Kind.UNEXPECTED, "logs/more: not in the manifest: a symbolic link to [" + tmp
                + "], added after the run (a run writes regular files only; verify follows no links)"),
            org.assertj.core.groups.Tuple.tuple(Kind.UNEXPECTED, "pipe: not in the manifest: a named pipe, socket or device, "
                + "added after the run (a run writes regular files only; verify follows no links)"));
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).contains("UNEXPECTED evidence.txt: ").doesNotContain("is intact")
            .endsWith("was altered: 3 problems in evidence.txt, logs/more, pipe\n");
    }

    @Test
    void a_sealed_file_or_directory_replaced_by_a_link_to_an_identical_copy_is_missing() throws Exception {
        // GIVEN report.json and logs/ moved out of the run directory, each with a link left in its place: every byte
        // read through the links is the sealed one
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.move(run.resolve("report.json"), elsewhere.resolve("report.json"));
        Files.createSymbolicLink(run.resolve("report.json"), elsewhere.resolve("report.json"));
        Files.move(run.resolve("logs"), elsewhere.resolve("logs"));
        Files.createSymbolicLink(run.resolve("logs"), elsewhere.resolve("logs"));

        // WHEN it is verified
        Verification v = ReportVerifier.verify(run);

        // THEN the files the run wrote are not there: each is missing, saying what stands in its place
        assertThat(v.problems()).filteredOn(p -> p.path().equals("report.json")).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MISSING);
            assertThat(p.message()).startsWith("missing: a symbolic link to [" + elsewhere.resolve("report.json")
                + "] stands in its place; the manifest recorded ");
        });
        assertThat(v.problems()).filteredOn(p -> p.path().equals("logs/engine-r1.log")).singleElement().satisfies(p ->
            assertThat(p.message()).startsWith("missing: a symbolic link to [" + elsewhere.resolve("logs")
                + "] at [logs] stands in its place; "));
        assertThat(v.problems()).filteredOn(p -> p.kind() == Kind.UNEXPECTED).extracting(Verification.Problem::path)
            .containsExactly("logs");
        assertThat(Cli.run(run.toString()).exit).isEqualTo(1);
    }

    @Test
    void a_run_directory_named_through_a_link_verifies() throws Exception {
        // GIVEN the run directory reached as CI names it, through the scenario's latest link
        Path latest = Files.createSymbolicLink(run.resolveSibling("latest"), run.getFileName());

        // WHEN it is verified THEN it is intact: only what lies under it must be no link
        Verification v = ReportVerifier.verify(latest);

        assertThat(v.problems()).isEmpty();
        assertThat(Cli.run(latest.toString()).exit).isEqualTo(0);
    }

    @Test
    void a_removed_timeline_event_breaks_the_chain() throws Exception {
        ObjectNode manifest = manifest();
        ArrayNode timeline = (ArrayNode) manifest.get("timeline");
        timeline.remove(7); // fault-healed
        ReportJson.write(manifest, run.resolve("manifest.json"));

        Verification v = ReportVerifier.verify(run);

        assertThat(v.files()).containsExactly("manifest.json");
        assertThat(v.problems()).extracting(Verification.Problem::message).containsExactly(
            "timeline[7] (" + TimelineEvents.describe(timeline.get(7).get("event")) + "): [prev] is not the hash of timeline[6] ("
                + TimelineEvents.describe(timeline.get(6).get("event")) + "); an entry between them was removed, added or reordered");
    }

    @Test
    void a_removed_event_is_caught_even_when_the_chain_is_rebuilt_after_it() throws Exception {
        // GIVEN a forger drops the fault-healed event and recomputes every later link
        ObjectNode manifest = manifest();
        ArrayNode timeline = (ArrayNode) manifest.get("timeline");
        String healed = TimelineEvents.describe(timeline.get(7).get("event"));
        timeline.remove(7);
        String prev = timeline.get(6).get("hash").asText();
        for (int i = 7; i < timeline.size(); i++) {
            ObjectNode entry = (ObjectNode) timeline.get(i);
            entry.put("seq", i);
            ObjectNode content = Canonical.content(entry);
            entry.put("prev", prev).put("hash", Canonical.link(prev, content));
            prev = entry.get("hash").asText();
        }
        manifest.put("head", prev);
        ReportJson.write(manifest, run.resolve("manifest.json"));

        Verification v = ReportVerifier.verify(run);

        assertThat(v.problems()).extracting(Verification.Problem::kind, Verification.Problem::message).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.TIMELINE_MISMATCH, "timeline lacks an event report.json records: "
                + healed + "; the entry was removed from the chain"));
        assertThat(healed).isEqualTo("fault-healed \"lose the leader's region\" at "
            + io.exchangechaos.report.Figures.second(Fixture.FAIL.outcome().faults().get(0).endSecond()));
    }

    @Test
    void an_edited_event_breaks_its_own_link() throws Exception {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("timeline").get(4).get("event")).put("second", 25.0);
        ReportJson.write(manifest, run.resolve("manifest.json"));

        Verification v = ReportVerifier.verify(run);

        assertThat(v.problems()).extracting(Verification.Problem::message).containsExactly(
            "timeline[4] (fault-injected \"lose the leader's region\" at 25 s): [hash] does not match the entry's content; "
                + "the entry was edited");
    }

    @Test
    void without_a_manifest_nothing_verifies() throws Exception {
        Files.delete(run.resolve("manifest.json"));

        Cli cli = Cli.run(run.toString());

        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.out).contains("MISSING manifest.json: missing; without it nothing in");
    }

    @Test
    void usage_errors_exit_2() {
        assertThat(Cli.run().exit).isEqualTo(2);
        Cli missing = Cli.run(tmp.resolve("nope").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).isEqualTo("Run directory [" + tmp.resolve("nope") + "] does not exist; pass the directory "
            + "`chaos run` printed\n");
    }

    @Test
    void main_exits_with_the_code_in_a_real_process() throws Exception {
        Files.writeString(run.resolve("junit.xml"), "<testsuite/>");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), ReportVerifyMain.class.getName(), run.toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(out).isEqualTo(1);
        assertThat(out).contains("ALTERED junit.xml: altered:");
    }

    /** Every file of the run directory but the manifest, as the manifest lists them: sorted, '/'-separated. */
    private List<String> sealedFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(run)) {
            return walk.filter(Files::isRegularFile).map(p -> run.relativize(p).toString().replace('\\', '/'))
                .filter(p -> !p.equals("manifest.json")).sorted().toList();
        }
    }

    private ObjectNode manifest() throws Exception {
        return (ObjectNode) ReportJson.mapper().readTree(run.resolve("manifest.json").toFile());
    }

    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ReportVerifyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
