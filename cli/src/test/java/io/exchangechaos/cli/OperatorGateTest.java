package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exchangechaos.core.run.StepGate.Decision;
import io.exchangechaos.core.scenario.Scenario;
import io.exchangechaos.core.scenario.Scenarios;
import io.exchangechaos.core.verdict.RunOutcome;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorGateTest {
    final Scenario drill = Scenarios.load(Path.of("src/test/resources/gameday/drill.yaml"));
    final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    final List<String> redButton = new CopyOnWriteArrayList<>();
    PipedOutputStream keyboard;
    OperatorGate gate;

    @BeforeEach
    void operator() throws IOException {
        keyboard = new PipedOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(keyboard), StandardCharsets.UTF_8));
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T09:30:05Z"), ZoneOffset.UTC);
        gate = new OperatorGate(in, new PrintStream(screen, true, StandardCharsets.UTF_8), clock, "alice", drill,
            redButton::add).listen();
    }

    void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** Asks about a step, and returns once its prompt is on the screen (the gate takes answers from just before). */
    CompletableFuture<Decision> ask(int step) {
        long prompts = prompts();
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(
            () -> gate.beforeStep(drill.timeline().get(step), "runner's words"));
        await().atMost(Duration.ofSeconds(5)).until(() -> prompts() > prompts && screen().endsWith("\n> "));
        assertThat(gate.prompting()).isTrue();
        return decision;
    }

    long prompts() {
        return screen().lines().filter(l -> l.startsWith("Proceed? [")).count();
    }

    @Test
    void showsTheStepAndProceedsOnEnterOrY() throws Exception {
        CompletableFuture<Decision> first = ask(0);

        assertThat(screen()).contains("STEP 1 of 2: slow the order entry link")
            .contains("  fault:    latency 100ms (both)")
            .contains("  target:   {link: client-gateway-r1}")
            .contains("  expected: traffic on the links slows down (latency 100ms")
            .contains("for 6s, healed at 12s")
            .contains("Proceed? [Enter or y = inject, skip = leave this step out, abort = stop and heal everything, note TEXT]");
        type("");
        assertThat(first.get()).isEqualTo(Decision.PROCEED);

        CompletableFuture<Decision> second = ask(1);
        type("y");
        assertThat(second.get()).isEqualTo(Decision.PROCEED);
        assertThat(gate.notes()).extracting(RunOutcome.Note::text).containsExactly(
            "PROCEED step 1 [slow the order entry link]: latency 100ms (both) on {link: client-gateway-r1}",
            "PROCEED step 2 [freeze the gateway]: freeze on {service: gateway-r1}");
    }

    @Test
    void notesAtAPromptAreStampedAndTheStepStillWaits() throws Exception {
        CompletableFuture<Decision> first = ask(0);

        type("note dashboards amber, p99 at 300 ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("noted at 09:30:05 UTC: dashboards amber, p99 at 300 ms"));
        assertThat(first).isNotDone();
        type("maybe");
        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("[maybe] is not an answer; "));
        type("skip");

        assertThat(first.get()).isEqualTo(Decision.SKIP);
        assertThat(gate.notes()).containsExactly(
            new RunOutcome.Note(Instant.parse("2026-01-15T09:30:05Z"), "alice", "dashboards amber, p99 at 300 ms"),
            new RunOutcome.Note(Instant.parse("2026-01-15T09:30:05Z"), "alice", "SKIP step 1 [slow the order entry link]: latency 100ms (both) on {link: client-gateway-r1}"));
    }

    @Test
    void notesWorkBetweenSteps() throws Exception {
        type("note leader moved to r2");
        type("note");

        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("a note needs text: note TEXT"));
        assertThat(gate.notes()).extracting(RunOutcome.Note::text).containsExactly("leader moved to r2");
        assertThat(redButton).isEmpty();
    }

    @Test
    void abortAtAPromptStopsTheRun() throws Exception {
        CompletableFuture<Decision> first = ask(0);

        type("abort");

        assertThat(first.get()).isEqualTo(Decision.ABORT);
        assertThat(gate.beforeStep(drill.timeline().get(1), "")).isEqualTo(Decision.ABORT);
        assertThat(screen()).contains("ABORT: healing every fault now, then writing the report");
    }

    @Test
    void abortBetweenStepsIsTheBigRedButton() throws Exception {
        type("abort");

        await().atMost(Duration.ofSeconds(5)).until(() -> !redButton.isEmpty());
        assertThat(redButton).containsExactly("operator pressed abort during the run");
        assertThat(gate.beforeStep(drill.timeline().get(0), "")).isEqualTo(Decision.ABORT);
        assertThat(gate.notes()).extracting(RunOutcome.Note::text).containsExactly("ABORT: operator pressed abort during the run");
    }

    @Test
    void otherInputBetweenStepsIsExplainedNotQueued() throws Exception {
        type("y");
        await().atMost(Duration.ofSeconds(5)).until(() -> screen().contains("no step is waiting for an answer"));

        CompletableFuture<Decision> first = ask(0);
        Thread.sleep(200);
        assertThat(first).isNotDone();
        type("y");
        assertThat(first.get()).isEqualTo(Decision.PROCEED);
    }

    @Test
    void anAnswerTypedTheMomentThePromptIsDrawnIsTaken() throws Exception {
        // GIVEN an operator who answers as soon as the prompt reaches the screen, while the gate is still drawing it
        OperatorGate[] fast = new OperatorGate[1];
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        OutputStream terminal = new OutputStream() {
            boolean answered;

            @Override
            public void write(int b) {
                drawn.write(b);
                if (!answered && drawn.toString(StandardCharsets.UTF_8).endsWith("\n> ")) {
                    answered = true;
                    fast[0].handle("skip");
                }
            }
        };
        fast[0] = new OperatorGate(new BufferedReader(new InputStreamReader(InputStream.nullInputStream())),
            new PrintStream(terminal, true, StandardCharsets.UTF_8), Clock.systemUTC(), "bob", drill, redButton::add);

        // WHEN the step asks THEN the answer counts, and nobody is told that no step is waiting
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(
            () -> fast[0].beforeStep(drill.timeline().get(0), "runner's words"));

        assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.SKIP);
        assertThat(drawn.toString(StandardCharsets.UTF_8)).doesNotContain("no step is waiting");
    }

    @Test
    void closedInputAbortsAtTheNextPrompt() throws Exception {
        keyboard.close();

        assertThat(gate.beforeStep(drill.timeline().get(0), "")).isEqualTo(Decision.ABORT);
        assertThat(screen()).contains("the operator's input closed: aborting");
    }
}
