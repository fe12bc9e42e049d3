package io.exchangechaos.fault.dependency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.exchangechaos.core.http.ControlCalls;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.ledger.InjectedFault;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Faults in an HTTP dependency staged with WireMock (the exchange's credit check), through WireMock's admin API.
 * Each fault is a stub on one endpoint at a higher priority than the healthy one, with an id chosen (and recorded)
 * before it is added; healing removes it and the healthy stub answers again. Slow faults copy the healthy stub's
 * response, so the dependency answers correctly, only late. Every admin call is given up after a timeout
 * ({@link ControlCalls#DEFAULT}), so a hung server makes a fault fail, never wait.
 *
 * <pre>{@code
 * DependencyFaults creditCheck = DependencyFaults.connect("http://127.0.0.40:8600", recorder);
 * try (InjectedFault slow = creditCheck.fixedDelay(StubEndpoint.post("/credit-check"), Duration.ofSeconds(3))) { ... }
 * }</pre>
 */
public final class DependencyFaults {
    /** WireMock serves the lowest number first; the staged healthy stub sits at 10. */
    public static final int FAULT_PRIORITY = 1;
    /** A stub added ahead of its fault's moment matches only requests with this header (no client sends it). */
    static final String DISARMED_HEADER = "X-Exchange-Chaos-Disarmed";

    private final String adminUrl;
    private final WireMock wireMock;
    private final FaultRecorder recorder;
    private final Duration timeout;

    private DependencyFaults(String adminUrl, FaultRecorder recorder, Duration timeout) {
        URI uri = URI.create(adminUrl);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("WireMock URL [" + adminUrl + "] needs a host and a port, e.g."
                + " http://127.0.0.40:8600");
        }
        this.adminUrl = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.wireMock = WireMockAdmin.client(this.adminUrl, timeout);
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Faults on the WireMock server at {@code baseUrl} (its admin API is under {@code /__admin}). */
    public static DependencyFaults connect(String baseUrl, FaultRecorder recorder) {
        return new DependencyFaults(baseUrl, recorder, ControlCalls.DEFAULT);
    }

    /** The same, giving up on each admin call after {@code newTimeout}. */
    public DependencyFaults withTimeout(Duration newTimeout) {
        return new DependencyFaults(adminUrl, recorder, newTimeout);
    }

    /**
     * How many stubs the server holds now; touches nothing. A harness calls it before its first fault, so that fault
     * does not wait for the admin client to load.
     */
    public int stubCount() {
        try {
            // a read-only POST too: the server's first admin POST of a run is slow (it loads what parses a request
            // pattern), and a fault's stub arrives by POST
            call("POST /__admin/requests/find", () -> wireMock.find(postRequestedFor(urlPathEqualTo("/__exchange-chaos/warm-up"))));
            return call("GET /__admin/mappings", () -> wireMock.allStubMappings().getMappings().size());
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The healthy answer, {@code delay} late. */
    public InjectedFault fixedDelay(StubEndpoint endpoint, Duration delay) {
        int ms = millis("delay", delay);
        return slowed("dependency.fixed-delay", endpoint, r -> r.withFixedDelay(ms));
    }

    /** The healthy answer, late by a delay drawn uniformly from [{@code min}, {@code max}]. */
    public InjectedFault randomDelay(StubEndpoint endpoint, Duration min, Duration max) {
        int lo = millis("min", min);
        int hi = millis("max", max);
        if (hi < lo) {
            throw new IllegalArgumentException("max [" + max + "] is below min [" + min + "]; swap them");
        }
        return slowed("dependency.random-delay", endpoint, r -> r.withUniformRandomDelay(lo, hi));
    }

    /** The healthy answer, sent in {@code chunks} pieces spread over {@code total}. */
    public InjectedFault chunkedDribble(StubEndpoint endpoint, int chunks, Duration total) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks [" + chunks + "] must be at least 1");
        }
        int ms = millis("total", total);
        return slowed("dependency.chunked-dribble", endpoint, r -> r.withChunkedDribbleDelay(chunks, ms));
    }

    /** Answers {@code status} (500 to 599) with a small JSON error body. */
    public InjectedFault serverError(StubEndpoint endpoint, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status [" + status + "] is not a 5xx; use 500 to 599");
        }
        return stub("dependency.http-" + status, endpoint, aResponse().withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"injected by exchange-chaos\"}"));
    }

    /** The connection is reset (RST) instead of an answer. */
    public InjectedFault connectionReset(StubEndpoint endpoint) {
        return stub("dependency.connection-reset", endpoint,
            aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
    }

    /** The connection closes with no answer at all. */
    public InjectedFault emptyResponse(StubEndpoint endpoint) {
        return stub("dependency.empty-response", endpoint,
            aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE));
    }

    /** A 200 whose chunked body is garbage. */
    public InjectedFault malformedChunk(StubEndpoint endpoint) {
        return stub("dependency.malformed-chunk", endpoint,
            aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK));
    }

    private InjectedFault slowed(String type, StubEndpoint endpoint, Function<ResponseDefinitionBuilder, ResponseDefinitionBuilder> slow) {
        ResponseDefinition healthy = healthyResponse(endpoint);
        return stub(type, endpoint, slow.apply(ResponseDefinitionBuilder.like(healthy)));
    }

    /**
     * Adds the fault's stub disarmed once the fault is recorded, before its moment (it matches only requests carrying
     * a header no client sends), and arms it at the moment by editing it in place. The server's first stub of a run is
     * slow to add, mostly for its first parse of a stub; the edit at the moment is its second.
     */
    private InjectedFault stub(String type, StubEndpoint endpoint, ResponseDefinitionBuilder response) {
        UUID stubId = UUID.randomUUID();
        FaultRecorder.Plan plan = recorder.plan(type, endpoint + " at " + adminUrl,
            id -> new DependencyRecipes.RemoveStub(adminUrl, stubId.toString()));
        Map<String, Object> metadata = Map.of("exchange-chaos", Map.of("faultId", plan.id(), "type", type));
        MappingBuilder armed = request(endpoint.method(), urlPathEqualTo(endpoint.path()))
            .withId(stubId)
            .atPriority(FAULT_PRIORITY)
            .withMetadata(metadata)
            .willReturn(response);
        MappingBuilder disarmed = request(endpoint.method(), urlPathEqualTo(endpoint.path()))
            .withId(stubId)
            .atPriority(FAULT_PRIORITY)
            .withHeader(DISARMED_HEADER, equalTo(plan.id()))
            .withMetadata(metadata)
            .willReturn(response);
        // built and written to JSON once ahead, so its serializers are loaded before the fault's moment: loading them
        // is most of what registering a run's first stub costs
        com.github.tomakehurst.wiremock.common.Json.write(armed.build());
        return recorder.inject(plan, () -> call("POST /__admin/mappings", () -> {
            wireMock.register(disarmed);
            return null;
        }), refine -> call("PUT /__admin/mappings/" + stubId, () -> {
            wireMock.editStubMapping(armed);
            return null;
        }));
    }

    /** The response of the stub that serves {@code endpoint} now (highest priority, i.e. lowest number). */
    private ResponseDefinition healthyResponse(StubEndpoint endpoint) {
        List<StubMapping> mappings;
        try {
            mappings = call("GET /__admin/mappings", () -> wireMock.allStubMappings().getMappings());
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
        return mappings.stream()
            .filter(m -> serves(m.getRequest(), endpoint))
            .min(Comparator.comparingInt((StubMapping m) -> m.getPriority() == null ? 5 : m.getPriority()))
            .map(StubMapping::getResponse)
            .orElseThrow(() -> new IllegalStateException("no stub serves " + endpoint + " at [" + adminUrl
                + "] to copy the healthy answer from; add the healthy stub first (stubs seen: "
                + mappings.stream().map(m -> m.getRequest().getMethod() + " " + path(m.getRequest())).toList() + ")"));
    }

    private <T> T call(String what, ControlCalls.Call<T> call) throws IOException {
        return WireMockAdmin.call(timeout, adminUrl, what, call);
    }

    private IllegalStateException unreachable(Exception e) {
        return new IllegalStateException(ControlCalls.isTimeout(e) ? e.getMessage()
            : WireMockAdmin.SERVER + " at [" + adminUrl + "] is not reachable (" + e.getMessage()
                + "); check that the dependency runs", e);
    }

    private static boolean serves(RequestPattern request, StubEndpoint endpoint) {
        return request != null && endpoint.method().equals(request.getMethod().getName())
            && endpoint.path().equals(path(request));
    }

    private static String path(RequestPattern request) {
        return request.getUrlPath() != null ? request.getUrlPath() : request.getUrl();
    }

    private static int millis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " [" + d + "] must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        return (int) d.toMillis();
    }
}
