package io.exchangechaos.fault.dependency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real WireMock server staged like the exchange's credit check. */
class DependencyFaultsIT {
    static final StubEndpoint CREDIT_CHECK = StubEndpoint.post("/credit-check");
    static final String APPROVED = "{\"approved\":true}";

    static WireMockServer wireMock;
    static HttpClient http;

    @TempDir
    Path dir;
    FaultLedger ledger;
    DependencyFaults faults;

    @BeforeAll
    static void startDependency() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
        wireMock.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopDependency() {
        wireMock.stop();
    }

    @BeforeEach
    void healthyStub() {
        wireMock.resetAll();
        wireMock.stubFor(post(urlPathEqualTo("/credit-check")).atPriority(10).willReturn(aResponse()
            .withStatus(200).withHeader("Content-Type", "application/json").withBody(APPROVED)));
        ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        faults = DependencyFaults.connect(wireMock.baseUrl(), FaultRecorder.using(ledger));
    }

    @AfterEach
    void nothingLeft() {
        assertThat(ledger.unhealed()).isEmpty();
    }

    private HttpResponse<String> call() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + "/credit-check"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"account\":1,\"notional\":100}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private record Timed(HttpResponse<String> response, long millis) {
    }

    private Timed timedCall() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> r = call();
        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
    }

    private void assertHealthy() throws Exception {
        Timed t = timedCall();
        assertThat(t.response().statusCode()).isEqualTo(200);
        assertThat(t.response().body()).isEqualTo(APPROVED);
        assertThat(t.millis()).isLessThan(500);
    }

    @Test
    void fixed_delay_answers_correctly_but_late_and_close_restores_the_healthy_stub() throws Exception {
        try (InjectedFault slow = faults.fixedDelay(CREDIT_CHECK, Duration.ofMillis(800))) {
            Timed t = timedCall();
            assertThat(t.response().statusCode()).isEqualTo(200);
            assertThat(t.response().body()).isEqualTo(APPROVED);
            assertThat(t.millis()).isGreaterThanOrEqualTo(800);
            assertThat(slow.target()).isEqualTo("POST /credit-check at " + wireMock.baseUrl());
        }
        assertHealthy();
        assertThat(wireMock.getStubMappings()).hasSize(1);
    }

    @Test
    void random_delay_stays_within_its_bounds() throws Exception {
        try (InjectedFault slow = faults.randomDelay(CREDIT_CHECK, Duration.ofMillis(300), Duration.ofMillis(600))) {
            Timed t = timedCall();
            assertThat(t.response().body()).isEqualTo(APPROVED);
            assertThat(t.millis()).isBetween(300L, 3_000L);
        }
        assertHealthy();
    }

    @Test
    void chunked_dribble_spreads_the_healthy_answer_over_the_duration() throws Exception {
        try (InjectedFault dribble = faults.chunkedDribble(CREDIT_CHECK, 4, Duration.ofMillis(800))) {
            Timed t = timedCall();
            assertThat(t.response().body()).isEqualTo(APPROVED);
            assertThat(t.millis()).isGreaterThanOrEqualTo(500);
        }
        assertHealthy();
    }

    @Test
    void server_error_answers_the_status() throws Exception {
        try (InjectedFault broken = faults.serverError(CREDIT_CHECK, 503)) {
            HttpResponse<String> r = call();
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"error\":\"injected by exchange-chaos\"}");
            assertThat(broken.type()).isEqualTo("dependency.http-503");
        }
        assertHealthy();
    }

    @Test
    void connection_reset_empty_response_and_malformed_chunk_break_the_call() throws Exception {
        try (InjectedFault reset = faults.connectionReset(CREDIT_CHECK)) {
            assertThatThrownBy(this::call).isInstanceOf(IOException.class);
        }
        assertHealthy();
        try (InjectedFault empty = faults.emptyResponse(CREDIT_CHECK)) {
            assertThatThrownBy(this::call).isInstanceOf(IOException.class);
        }
        assertHealthy();
        try (InjectedFault malformed = faults.malformedChunk(CREDIT_CHECK)) {
            assertThatThrownBy(this::call).isInstanceOf(IOException.class);
        }
        assertHealthy();
    }

    @Test
    void the_stub_id_is_recorded_before_the_stub_exists() {
        InjectedFault fault = faults.serverError(CREDIT_CHECK, 500);
        DependencyRecipes.RemoveStub recipe = (DependencyRecipes.RemoveStub) ledger.entry(fault.id()).orElseThrow().heal();

        assertThat(wireMock.getSingleStubMapping(UUID.fromString(recipe.stubId())).getPriority())
            .isEqualTo(DependencyFaults.FAULT_PRIORITY);
        assertThat(recipe.adminUrl()).isEqualTo(wireMock.baseUrl());

        // a stub removed by hand heals as already gone, without error
        wireMock.removeStubMapping(wireMock.getSingleStubMapping(UUID.fromString(recipe.stubId())));
        assertThat(fault.heal().toString()).isEqualTo("ALREADY_GONE: stub " + recipe.stubId() + " is gone from " + wireMock.baseUrl());
    }

    @Test
    void a_fault_for_a_moment_is_added_disarmed_ahead_and_armed_when_the_moment_comes() throws Exception {
        long due = System.nanoTime() + 3_000_000_000L;
        DependencyFaults atMoment = DependencyFaults.connect(wireMock.baseUrl(),
            FaultRecorder.using(ledger).at(FaultRecorder.Moment.atNanoTime(due)));
        var injecting = CompletableFuture.supplyAsync(() -> atMoment.serverError(CREDIT_CHECK, 503));

        // GIVEN the fault recorded and its stub on the server before the moment
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
            .until(() -> wireMock.getStubMappings().size() == 2);
        assertThat(ledger.unhealed()).hasSize(1);
        // THEN until the moment it changes nothing a client sees
        HttpResponse<String> before = call();
        assertThat(System.nanoTime()).as("the call before the moment ended before it").isLessThan(due);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).isEqualTo(APPROVED);

        // AND from the moment on the same stub answers the fault
        try (InjectedFault fault = injecting.get(10, TimeUnit.SECONDS)) {
            assertThat(fault.appliedAt()).isAfter(fault.injectedAt());
            assertThat(call().statusCode()).isEqualTo(503);
            assertThat(wireMock.getStubMappings()).hasSize(2);
        }
        assertHealthy();
        assertThat(wireMock.getStubMappings()).hasSize(1);
    }

    @Test
    void a_fault_whose_moment_is_cancelled_takes_its_disarmed_stub_away() throws Exception {
        FaultRecorder.Moment moment = FaultRecorder.Moment.atNanoTime(System.nanoTime() + 60_000_000_000L);
        DependencyFaults atMoment = DependencyFaults.connect(wireMock.baseUrl(), FaultRecorder.using(ledger).at(moment));
        var injecting = CompletableFuture.supplyAsync(() -> atMoment.fixedDelay(CREDIT_CHECK, Duration.ofSeconds(5)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
            .until(() -> wireMock.getStubMappings().size() == 2);

        moment.cancel();

        assertThatThrownBy(() -> injecting.get(10, TimeUnit.SECONDS)).hasMessageContaining("cancelled before its moment");
        assertThat(wireMock.getStubMappings()).hasSize(1);
        assertHealthy();
    }

    @Test
    void a_delay_needs_a_healthy_stub_to_copy() {
        assertThatThrownBy(() -> faults.fixedDelay(StubEndpoint.get("/limits"), Duration.ofSeconds(1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("no stub serves GET /limits at [" + wireMock.baseUrl() + "] to copy the healthy answer from;"
                + " add the healthy stub first (stubs seen: [POST /credit-check])");
    }
}
