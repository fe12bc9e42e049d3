package io.exchangechaos.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.HealOutcome;
import io.exchangechaos.core.ledger.HealResult;
import io.exchangechaos.core.ledger.Healer;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.fault.config.ConfigServiceClient;
import io.exchangechaos.fault.dependency.DependencyFaults;
import io.exchangechaos.fault.dependency.DependencyRecipes;
import io.exchangechaos.fault.dependency.StubEndpoint;
import io.exchangechaos.fault.network.NetworkFaults;
import io.exchangechaos.fault.network.NetworkRecipes;
import io.exchangechaos.server.dns.DnsFaultClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client the harness drives its servers with gives up on a server that accepts and never answers, within its
 * timeout, saying which server, which URL and request, and that it timed out: a fault fails on time instead of hanging
 * the run (toxiproxy-java has no timeout of its own and waited forever; WireMock's client 30 s).
 */
class HungServerTimeoutsIT {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The timeout, plus room for a loaded machine to notice it. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private SilentServer hung;
    private FaultRecorder recorder;

    @BeforeEach
    void start() throws Exception {
        hung = SilentServer.start();
        recorder = new FaultRecorder(new FaultLedger(dir.resolve("ledger.jsonl")), new Healer(TIMEOUT, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        hung.close();
    }

    @Test
    void a_toxic_fault_through_a_hung_toxiproxy_fails_in_time() {
        NetworkFaults network = NetworkFaults.connect(hung.url(), recorder).withTimeout(TIMEOUT);

        Throwable failure = within(() -> catchFailure(() -> network.latency("db", Duration.ofMillis(100), Duration.ZERO,
            LinkStream.DOWNSTREAM)));

        assertThat(failure).hasMessage("Toxiproxy API at [" + hung.url() + "] did not answer GET /proxies/db within 500 ms"
            + " (timed out); check that it runs and is not hung");
    }

    @Test
    void a_dns_fault_client_call_to_a_hung_server_fails_in_time() {
        DnsFaultClient client = DnsFaultClient.connect(hung.url()).withTimeout(TIMEOUT);

        Throwable failure = within(() -> catchFailure(client::faults));

        assertThat(failure).hasMessage("DNS fault server's control API at [" + hung.url() + "] did not answer GET /faults"
            + " within 500 ms (timed out); check that it runs and is not hung");
    }

    @Test
    void a_dependency_fault_through_a_hung_wiremock_fails_in_time() {
        DependencyFaults dependency = DependencyFaults.connect(hung.url(), recorder).withTimeout(TIMEOUT);

        Throwable failure = within(() -> catchFailure(() -> dependency.serverError(StubEndpoint.post("/credit-check"), 503)));

        assertThat(failure).hasMessageStartingWith("could not prepare dependency.http-503")
            .hasMessageContaining("WireMock admin API at [" + hung.url() + "] did not answer POST /__admin/mappings within 500 ms"
                + " (timed out); check that it runs and is not hung");
    }

    @Test
    void a_config_service_call_to_a_hung_server_fails_in_time() {
        ConfigServiceClient client = new ConfigServiceClient(hung.url(), TIMEOUT);

        Throwable failure = within(() -> catchFailure(client::current));

        assertThat(failure).hasMessage("config service at [" + hung.url() + "] did not answer GET /config within 500 ms"
            + " (timed out); check that it runs and is not hung");
    }

    @Test
    void healing_through_a_hung_server_fails_in_time_and_says_so() {
        Healer healer = new Healer(TIMEOUT, Duration.ofSeconds(1));

        HealResult toxics = within(() -> healer.heal(new NetworkRecipes.RemoveToxics(hung.url(), "db", List.of("chaos-1-down"))));
        HealResult proxies = within(() -> healer.heal(new NetworkRecipes.DeleteProxies(hung.url(), List.of("db"))));
        HealResult stub = within(() -> healer.heal(new DependencyRecipes.RemoveStub(hung.url(), UUID.randomUUID().toString())));

        assertThat(toxics.outcome()).isEqualTo(HealOutcome.FAILED);
        assertThat(toxics.detail()).contains("Toxiproxy API at [" + hung.url() + "] did not answer GET /proxies within 500 ms (timed out)");
        assertThat(proxies.outcome()).isEqualTo(HealOutcome.FAILED);
        assertThat(proxies.detail()).contains("did not answer GET /proxies within 500 ms (timed out)");
        assertThat(stub.outcome()).isEqualTo(HealOutcome.FAILED);
        assertThat(stub.detail()).contains("WireMock admin API at [" + hung.url() + "] did not answer GET /__admin/mappings"
            + " within 500 ms (timed out)");
    }

    private static <T> T within(ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(BOUND, call, "a call to a hung server must give up after its timeout");
    }

    private static Throwable catchFailure(ThrowingCallable call) {
        Throwable failure = catchThrowable(call);
        assertThat(failure).as("the call failed").isNotNull();
        return failure;
    }
}
