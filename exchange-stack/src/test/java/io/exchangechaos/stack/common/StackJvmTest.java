package io.exchangechaos.stack.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that sees one CPU (as each stack service does when two cores are shared by a dozen processes), sending
 * requests with the JDK's HTTP client the way the gateway does: how many threads it starts, with and without
 * {@link StackJvm#prepare()}.
 */
class StackJvmTest {
    private static final int REQUESTS = 200;

    @Test
    void aPreparedJvmDoesNotStartAThreadPerRequest() throws Exception {
        long unprepared = threadsStarted(false);
        long prepared = threadsStarted(true);

        // the condition is real: unprepared, every completion gets a thread of its own
        assertThat(unprepared).as("threads started by %d requests, unprepared", REQUESTS).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(prepared).as("threads started by %d requests, prepared", REQUESTS).isLessThan(20);
    }

    private static long threadsStarted(boolean prepare) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ActiveProcessorCount=1",
            "-cp", System.getProperty("java.class.path"), Probe.class.getName(), String.valueOf(prepare)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** Runs in the child JVM: prints how many threads {@value #REQUESTS} asynchronous requests started. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            if (Boolean.parseBoolean(args[0])) {
                StackJvm.prepare();
            }
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", ex -> {
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());  // connection, pools
            long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
            for (int i = 0; i < REQUESTS; i++) {
                http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).join();
            }
            CompletableFuture.runAsync(() -> { }).join();
            long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
            server.stop(0);
            System.out.println(started);
            System.exit(0);
        }
    }
}
