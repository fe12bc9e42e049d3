package io.exchangechaos.fault.dependency;

import com.github.tomakehurst.wiremock.client.HttpAdminClient;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.HttpClientFactory;
import com.github.tomakehurst.wiremock.security.NoClientAuthenticator;
import io.exchangechaos.core.http.ControlCalls;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * WireMock's admin client with a bound on every call. Its own client waits 30 s for an answer and its connection pool
 * up to three minutes for a connection; here the answer gets {@code timeout}, and each call as a whole is given up
 * after it too ({@link ControlCalls}), with an error naming the server, the URL and the request.
 */
public final class WireMockAdmin {
    static final String SERVER = "WireMock admin API";

    private WireMockAdmin() {
    }

    /** A client of the WireMock server at {@code baseUrl} whose answers may take at most {@code timeout}. */
    public static WireMock client(String baseUrl, Duration timeout) {
        URI uri = URI.create(baseUrl);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        return new WireMock(new HttpAdminClient(uri.getScheme(), uri.getHost(), uri.getPort(), "", null,
            new NoClientAuthenticator(), HttpClientFactory.createClient(4, millis)));
    }

    /** Runs one admin call, given up after {@code timeout}; WireMock's unchecked timeouts say so too. */
    public static <T> T call(Duration timeout, String baseUrl, String what, ControlCalls.Call<T> call) throws IOException {
        try {
            return ControlCalls.within(timeout, SERVER, baseUrl, what, call);
        } catch (RuntimeException e) {
            if (ControlCalls.isTimeout(e)) {
                throw ControlCalls.timedOut(SERVER, baseUrl, what, timeout, e);
            }
            throw e;
        }
    }
}
