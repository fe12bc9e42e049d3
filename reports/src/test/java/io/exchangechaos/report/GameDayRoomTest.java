package io.exchangechaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import io.exchangechaos.report.json.ReportSchema;
import io.exchangechaos.report.manifest.ReportVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web game day's room in every artifact of the run: report.json (participants, decisions with their time from the
 * fault; schema 1.2), report.html's "Game day room", and the manifest's hash chain, where an edited decision is caught.
 * A report of schema 1.1, which has neither field, reads as a run without a room.
 */
class GameDayRoomTest {
    @TempDir
    Path tmp;

    static RunOutcome withRoom(RunOutcome o) {
        Instant fault = Instant.parse(Fixture.FAIL.outcome().faults().get(0).injectedAt());
        return o.toBuilder()
            .participants(List.of(new RunOutcome.Participant("Alice Example", "incident commander", fault.minusSeconds(30)),
                new RunOutcome.Participant("Bob", null, fault.minusSeconds(20))))
            .decisions(List.of(new RunOutcome.RoomDecision(fault.plusMillis(12_400), "Alice Example", "invoke DR",
                Optional.of("lose the leader's region"), Optional.of(Duration.ofMillis(12_400)))))
            .notes(List.of(new RunOutcome.Note(fault.plusSeconds(5), "Bob", "p99 climbing on r1")))
            .build();
    }

    @Test
    void the_room_is_in_report_json_report_html_and_the_manifest() throws Exception {
        Path run = Fixture.FAIL.runDir(tmp);
        Reports.writeAll(withRoom(Fixture.FAIL.outcome().toOutcome()), run);

        JsonNode report = ReportJson.mapper().readTree(run.resolve("report.json").toFile());
        assertThat(ReportSchema.validate(report)).isEmpty();
        assertThat(report.get("schemaVersion").asText()).isEqualTo(ReportJson.SCHEMA_VERSION);
        assertThat(report.at("/participants/0/name").asText()).isEqualTo("Alice Example");
        assertThat(report.at("/participants/0/role").asText()).isEqualTo("incident commander");
        assertThat(report.at("/participants/1/role").isNull()).isTrue();
        assertThat(report.at("/decisions/0/choice").asText()).isEqualTo("invoke DR");
        assertThat(report.at("/decisions/0/fault").asText()).isEqualTo("lose the leader's region");
        assertThat(report.at("/decisions/0/secondsAfterFault").asDouble()).isEqualTo(12.4);

        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).contains("<h2>Game day room</h2>").contains("<td>Alice Example</td><td>incident commander</td>")
            .contains("<strong>invoke DR</strong>").contains("lose the leader&#39;s region").contains("12.4 s")
            .contains("p99 climbing on r1");

        JsonNode manifest = ReportJson.mapper().readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("timeline").findValuesAsText("kind")).contains("participant-joined", "decision", "note");
        assertThat(ReportVerifier.verify(run).intact()).isTrue();

        // an auditor is told when the decision's time is edited afterwards
        ObjectNode edited = (ObjectNode) report.deepCopy();
        ((ObjectNode) edited.at("/decisions/0")).put("secondsAfterFault", 2.0);
        ReportJson.write(edited, run.resolve("report.json"));
        assertThat(ReportVerifier.verify(run).intact()).isFalse();
    }

    @Test
    void a_run_without_a_room_shows_none_and_a_1_1_report_reads_as_one() throws Exception {
        String html = Files.readString(Fixture.PASS.writtenRun(tmp).resolve("report.html"));
        assertThat(html).doesNotContain("Game day room");

        ObjectNode old = Fixture.PASS.outcome().toTree();
        old.put("schemaVersion", "1.1");
        old.remove(List.of("participants", "decisions"));
        ReportJson read = ReportJson.parse(ReportJson.pretty(old));
        assertThat(read.participants()).isEmpty();
        assertThat(read.decisions()).isEmpty();
        assertThat(read.toOutcome().participants()).isEmpty();

        ReportJson room = ReportJson.of(withRoom(Fixture.FAIL.outcome().toOutcome()));
        assertThat(ReportJson.of(room.toOutcome())).isEqualTo(room);
    }
}
