package io.exchangechaos.core.bench;

import io.exchangechaos.core.history.SteadyClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The harness's Gatling load against an instant exchange in this JVM, for {@code SteppedWallClockIT}, which starts it
 * under libfaketime, whose wall clock steps a fixed time after the process started. Arguments: {@code DIR RATE SECONDS
 * STEP_AFTER_SECONDS}. Writes the history under DIR, when the step was due on the history's clock
 * ({@code step-at-micros=N}), and at the end how far the wall clock stands from that clock ({@code wall-ahead-micros=N}).
 */
public final class SteppedClockLoad {
    private SteppedClockLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double rate = Double.parseDouble(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        long stepAfterMillis = Long.parseLong(args[3]) * 1_000;
        long stepAt = SteadyClock.nowMicros()
            + (stepAfterMillis - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()) * 1_000;
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        byte[] placed = "{\"order\":{\"status\":\"NEW\"}}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, placed.length);
            x.getResponseBody().write(placed);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.println("load started");
        BenchSteps.Measured m = BenchSteps.run("stepped", BenchSteps.plan(rate, duration, List.of(target), "stepped"),
            List.of(ProcessHandle.current().pid()), dir, true);
        Instant wall = Instant.now();
        long wallMicros = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1_000;
        Files.writeString(dir.resolve("clock.txt"), "wall-ahead-micros=" + (wallMicros - SteadyClock.nowMicros()) + "\n"
            + "step-at-micros=" + stepAt + "\n"
            + "operations=" + m.operations().size() + "\n");
        server.stop(0);
        System.exit(0); // Gatling leaves non-daemon threads behind
    }
}
