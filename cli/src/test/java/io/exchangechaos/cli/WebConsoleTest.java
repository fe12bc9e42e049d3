package io.exchangechaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangechaos.core.run.ProgressListener;
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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web console over plain HTTP, on a real Jetty server on loopback with a real {@link OperatorGate}: the controls
 * need the run's token (401 without, 403 with a wrong one), a spectator reads {@code /events} but cannot POST, an
 * answer reaches the waiting step under the participant's name, the red button stops the run, a decision is timed
 * from the fault before it, and a page elsewhere that rebinds its name to 127.0.0.1 reaches nothing.
 */
class WebConsoleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final Scenario drill = Scenarios.load(Path.of("src/test/resources/gameday/drill.yaml"));
    final List<String> redButton = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    PipedOutputStream keyboard;
    OperatorGate gate;
    WebConsole console;
    URI base;

    @BeforeEach
    void serve() throws IOException {
        keyboard = new PipedOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(keyboard), StandardCharsets.UTF_8));
        gate = new OperatorGate(in, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Clock.systemUTC(), "terminal-user", drill, redButton::add);
        console = WebConsole.start(new InetSocketAddress("127.0.0.1", 0), gate, drill, Clock.systemUTC());
        gate.listen();
        base = URI.create("http://127.0.0.1:" + console.address().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        console.close();
        keyboard.close();
    }

    HttpResponse<String> post(String path, String token, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            b.header(WebConsole.TOKEN_HEADER, token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first event of {@code /events}: the whole state, as a browser gets it when it connects. */
    JsonNode snapshot(String query) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("/events" + query))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("event: snapshot");
            String data = lines.readLine();
            assertThat(data).startsWith("data: ");
            return JSON.readTree(data.substring(6));
        }
    }

    @Test
    void theControlsNeedTheRunsToken() throws Exception {
        for (String control : List.of("/join", "/proceed", "/skip", "/abort", "/note", "/decision")) {
            HttpResponse<String> none = post(control, null, "name=mallory&role=x&step=1&text=hi&choice=stay");
            assertThat(none.statusCode()).as(control).isEqualTo(401);
            assertThat(none.body()).contains("the controls need the run's token");
            HttpResponse<String> wrong = post(control, "0".repeat(32), "name=mallory&role=x&step=1&text=hi&choice=stay");
            assertThat(wrong.statusCode()).as(control).isEqualTo(403);
        }
        // a token in the query, as a hand-made link would carry it, is no better when wrong
        assertThat(post("/abort?token=nope", null, "name=mallory").statusCode()).isEqualTo(403);
        assertThat(redButton).isEmpty();
        assertThat(gate.notes()).isEmpty();
        assertThat(gate.participants()).isEmpty();
    }

    @Test
    void aSpectatorWatchesButCannotAct() throws Exception {
        JsonNode spectator = snapshot("");
        assertThat(spectator.path("operator").asBoolean()).isFalse();
        assertThat(spectator.at("/run/scenario").asText()).isEqualTo("gameday-drill");
        assertThat(spectator.at("/run/steps/0/name").asText()).isEqualTo("slow the order entry link");
        assertThat(spectator.at("/run/steps/0/expected").asText()).contains("for 6s, healed at 12s");

        assertThat(post("/note", null, "name=eve&text=I was here").statusCode()).isEqualTo(401);
        assertThat(gate.notes()).isEmpty();

        JsonNode operator = snapshot("?token=" + console.token());
        assertThat(operator.path("operator").asBoolean()).isTrue();
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(base.resolve("/events?token=wrong")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        // the page itself is served to anyone on this machine, with a policy that loads nothing from elsewhere
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"console.js\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
            .contains("default-src 'none'").contains("script-src 'self'"));
    }

    @Test
    void aSignedInParticipantAnswersTheWaitingStepUnderTheirName() throws Exception {
        String token = console.token();
        assertThat(post("/proceed", token, "name=alice&step=1").statusCode()).as("not signed in").isEqualTo(409);
        assertThat(post("/join", token, "name=alice&role=incident+commander").statusCode()).isEqualTo(200);
        HttpResponse<String> early = post("/proceed", token, "name=alice&step=1");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("no step is waiting for an answer");

        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(
            () -> gate.beforeStep(drill.timeline().get(0), "runner's words"));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() != null);
        assertThat(snapshot("").at("/waiting/name").asText()).isEqualTo("slow the order entry link");
        HttpResponse<String> stale = post("/proceed", token, "name=alice&step=2");
        assertThat(stale.statusCode()).as("a click on another step's card").isEqualTo(409);
        assertThat(post("/proceed", token, "name=alice&step=1").statusCode()).isEqualTo(200);

        assertThat(decision.get(5, TimeUnit.SECONDS)).isEqualTo(Decision.PROCEED);
        assertThat(gate.participants()).extracting(RunOutcome.Participant::name, RunOutcome.Participant::role)
            .containsExactly(tuple("alice", "incident commander"));
        assertThat(gate.notes()).singleElement().satisfies(n -> {
            assertThat(n.author()).isEqualTo("alice");
            assertThat(n.text()).startsWith("PROCEED step 1 [slow the order entry link]");
        });
    }

    @Test
    void theRedButtonStopsTheRunAndADecisionIsTimedFromTheFault() throws Exception {
        String token = console.token();
        post("/join", token, "name=bob&role=scribe");
        HttpResponse<String> before = post("/decision", token, "name=bob&choice=stay");
        assertThat(before.statusCode()).isEqualTo(200);
        ((ProgressListener) console).event("6.0s injected [slow the order entry link] on link client-gateway-r1 (in effect at 6.012s)");
        Thread.sleep(300);
        assertThat(post("/decision", token, "name=bob&choice=invoke+DR").statusCode()).isEqualTo(200);
        assertThat(post("/note", token, "name=bob&text=p99+is+up").statusCode()).isEqualTo(200);

        assertThat(post("/abort", token, "name=bob").statusCode()).isEqualTo(200);
        assertThat(redButton).singleElement().asString().contains("bob pressed heal everything");
        assertThat(post("/abort", token, "name=bob").statusCode()).as("pressed twice").isEqualTo(409);

        List<RunOutcome.RoomDecision> decisions = gate.decisions();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).fault()).isEmpty();
        assertThat(decisions.get(0).afterFault()).isEmpty();
        assertThat(decisions.get(1).choice()).isEqualTo("invoke DR");
        assertThat(decisions.get(1).author()).isEqualTo("bob");
        assertThat(decisions.get(1).fault()).hasValue("slow the order entry link");
        assertThat(decisions.get(1).afterFault()).hasValueSatisfying(d -> assertThat(d)
            .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5)));
        assertThat(gate.notes()).extracting(RunOutcome.Note::text).contains("p99 is up")
            .anySatisfy(t -> assertThat(t).startsWith("ABORT: bob pressed heal everything"));
    }

    @Test
    void aStepNobodyCanAnswerIsSkippedSoTheRunGoesOn() throws Exception {
        // the terminal's input closes and no browser holds the token: after the grace the step is skipped, not waited on
        gate.alsoAnsweredFrom(() -> false, Duration.ofSeconds(2), new OperatorGate.Listener() {
        });
        keyboard.close();
        long start = System.nanoTime();
        Decision d = assertTimeoutPreemptively(Duration.ofSeconds(15),
            () -> gate.beforeStep(drill.timeline().get(0), "runner's words"), "the step still waits for nobody");
        assertThat(d).isEqualTo(Decision.SKIP);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(gate.notes()).singleElement().satisfies(n -> assertThat(n.text()).startsWith("SKIP (nobody could answer"));
    }

    @Test
    void aPageThatRebindsItsNameTo127IsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", console.address().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /events HTTP/1.1\r\nHost: evil.example:" + console.address().getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
        }
        assertThat(WebConsole.loopbackHost("localhost:8480")).isTrue();
        assertThat(WebConsole.loopbackHost("127.0.0.1")).isTrue();
        assertThat(WebConsole.loopbackHost("[::1]:8480")).isTrue();
        assertThat(WebConsole.loopbackHost("127.0.0.1.evil.example:80")).isFalse();
    }
}
