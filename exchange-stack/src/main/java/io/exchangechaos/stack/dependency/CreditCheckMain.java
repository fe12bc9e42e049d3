package io.exchangechaos.stack.dependency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.exchangechaos.stack.common.Args;
import io.exchangechaos.stack.common.HostPort;
import java.util.Set;

/**
 * The exchange's external pre-trade credit service, staged as a WireMock server. The healthy stub approves every
 * order; the harness breaks it through WireMock's admin API and heals it by restoring this stub.
 */
public final class CreditCheckMain {
    public static final String PATH = "/credit-check";

    private CreditCheckMain() {
    }

    public static WireMockServer start(HostPort listen) {
        WireMockServer server = new WireMockServer(options()
            .bindAddress(listen.host())
            .port(listen.port())
            .containerThreads(32)
            .jettyAcceptors(1)
            .disableRequestJournal()
            .asynchronousResponseEnabled(true)
            .asynchronousResponseThreads(16));
        server.start();
        server.stubFor(healthyStub());
        return server;
    }

    public static com.github.tomakehurst.wiremock.client.MappingBuilder healthyStub() {
        return post(urlPathEqualTo(PATH)).atPriority(10).willReturn(aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"approved\":true}"));
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse("credit-check", argv, Set.of("listen"));
        HostPort listen = args.address("listen");
        WireMockServer server = start(listen);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "credit-check-shutdown"));
        System.out.println("credit-check (WireMock) listening on http://" + listen);
        Thread.currentThread().join();
    }
}
