package io.exchangechaos.server.proxy.api;

import io.exchangechaos.core.http.JettyServers;
import io.exchangechaos.server.proxy.ApiException;
import io.exchangechaos.server.proxy.ProxyRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Toxiproxy's HTTP control API on Jetty ({@link JettyServers}: a slow or stalled client holds no thread), answering as
 * Toxiproxy's Go server does: gorilla/mux's redirect of an unclean path, 404 and 405 first, then the browser check,
 * then the handler. A body over the limit is refused with 413 before it is read.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String REQUEST_ID_HEADER = "X-Toxiproxy-Request-Id";

    private final Server server;
    private final InetSocketAddress address;

    private ApiServer(Server server) {
        this.server = server;
        this.address = JettyServers.address(server);
    }

    public static ApiServer start(InetSocketAddress address, ProxyRegistry registry, String version) throws IOException {
        return start(address, registry, version, JettyServers.Limits.CONTROL);
    }

    public static ApiServer start(InetSocketAddress address, ProxyRegistry registry, String version,
                                  JettyServers.Limits limits) throws IOException {
        ApiRoutes routes = new ApiRoutes(registry, GoJson.mapper(), version);
        Handler handler = new ApiHandler(routes, limits.maxBodyBytes());
        // Go's server answers a request it cannot parse with "400 Bad Request" as plain text
        return new ApiServer(JettyServers.start("toxiproxy-api", address, limits, JettyServers.ErrorFormat.PLAIN, handler));
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        JettyServers.stop(server);
    }

    private static final class ApiHandler extends Handler.Abstract {
        private final ApiRoutes routes;
        private final int maxBodyBytes;
        private final RequestIds requestIds = new RequestIds();

        ApiHandler(ApiRoutes routes, int maxBodyBytes) {
            this.routes = routes;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(REQUEST_ID_HEADER, requestIds.next());
            String path = GoPaths.decode(request.getHttpURI().getPath());
            if (path == null) {
                // Go's server refuses a malformed escape before any handler, in these words
                send(response, new ApiAnswer(400, ApiAnswer.PLAIN, "400 Bad Request".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            String clean = GoPaths.clean(path);
            if (!clean.equals(path)) {
                String query = request.getHttpURI().getQuery();
                response.getHeaders().put(HttpHeader.LOCATION, GoPaths.encode(clean) + (query == null ? "" : "?" + query));
                send(response, ApiAnswer.empty(301), callback);
                return true;
            }
            ApiRoutes.Route route = routes.route(request.getMethod(), path);
            if (!route.found()) {
                send(response, route.answer(), callback);
                return true;
            }
            String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
            if (userAgent != null && userAgent.startsWith("Mozilla/")) {
                // browsers must not drive the control port (CSRF); Toxiproxy answers with http.Error
                send(response, ApiAnswer.plainError(403, "User agent not allowed"), callback);
                return true;
            }
            ApiRoutes.Action action = route.action();
            if (request.getLength() > maxBodyBytes) {
                send(response, action.error(routes.views(), tooLarge()), callback);
                return true;
            }
            // the body arrives without holding a thread; the action then runs on one of the server's threads
            Content.Source.asByteArrayAsync(request, maxBodyBytes, Promise.Invocable.from(Invocable.InvocationType.BLOCKING,
                (body, failure) -> {
                    // Jetty ends the read with an IllegalStateException once the body passes the limit
                    if (failure instanceof IllegalStateException) {
                        send(response, action.error(routes.views(), tooLarge()), callback);
                    } else if (failure != null) {
                        callback.failed(failure);
                    } else {
                        send(response, run(request, action, body), callback);
                    }
                }));
            return true;
        }

        private ApiException tooLarge() {
            return new ApiException(413, "request body too large: the limit is " + maxBodyBytes + " bytes");
        }

        private ApiAnswer run(Request request, ApiRoutes.Action action, byte[] body) {
            try {
                return action.run(body);
            } catch (ApiException e) {
                return action.error(routes.views(), e);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", request.getMethod(), request.getHttpURI(), e);
                return action.error(routes.views(), new ApiException(500, String.valueOf(e.getMessage())));
            }
        }

        private static void send(Response response, ApiAnswer answer, Callback callback) {
            response.setStatus(answer.status());
            if (answer.body() == null) {
                callback.succeeded();
                return;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            if (answer.noSniff()) {
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
            }
            // a HEAD answer has its headers but no body: Jetty leaves the body out
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }
}
