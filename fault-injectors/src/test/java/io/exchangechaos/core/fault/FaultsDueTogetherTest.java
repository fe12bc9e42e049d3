package io.exchangechaos.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import io.exchangechaos.core.backend.Stack;
import io.exchangechaos.core.ledger.FaultLedger;
import io.exchangechaos.core.ledger.FaultRecorder;
import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget;
import io.exchangechaos.core.scenario.LinkStream;
import io.exchangechaos.core.scenario.TimelineStep;
import io.exchangechaos.core.topology.Link;
import io.exchangechaos.core.topology.Topologies;
import io.exchangechaos.core.topology.Topology;
import io.exchangechaos.fault.network.ProxyApis;
import io.exchangechaos.server.proxy.ToxiproxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps due at the same moment, and faults of several parts, against a real Toxiproxy-compatible server holding a
 * proxy for every link of the multi-region topology (on free loopback ports; nothing behind them is needed to hold a
 * toxic).
 */
class FaultsDueTogetherTest {
    @TempDir
    Path dir;

    private ToxiproxyServer server;
    private ToxiproxyClient client;
    private final Topology topology = Topologies.load(Topologies.MULTI_REGION);

    /** The multi-region topology behind that server; its leader moves every time it is asked. */
    private final class MovingLeaderStack implements Stack, ProxyApis {
        final AtomicInteger asked = new AtomicInteger();

        @Override public Topology topology() { return topology; }
        @Override public String proxyApi(String link) { return server.apiUrl(); }
        @Override public Optional<String> leaderService() {
            return Optional.of("engine-r" + (1 + asked.getAndIncrement() % 3));
        }
        @Override public List<URI> entrypoints() { throw new AssertionError(); }
        @Override public List<URI> replicas() { throw new AssertionError(); }
        @Override public URI serviceUrl(String service) { throw new AssertionError(); }
        @Override public String backend() { return "local"; }
        @Override public <T> Optional<T> facet(Class<T> type) {
            return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
        }
        @Override public void close() { }
    }

    @BeforeEach
    void proxies() throws Exception {
        server = ToxiproxyServer.start();
        client = new ToxiproxyClient(server.host(), server.port());
        for (Link link : topology.links()) {
            client.createProxy(link.name(), "127.0.0.1:0", "127.0.0.1:9");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stepsDueTogetherAllHitTheRegionThatLedBeforeAnyWasApplied() throws Exception {
        MovingLeaderStack stack = new MovingLeaderStack();
        FaultExecutor executor = new FaultExecutor(stack, FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl"))), dir);
        TimelineStep blackhole = step("blackhole the leader's region", new Fault.Blackhole());
        TimelineStep latency = step("slow the leader's region", new Fault.Latency(Duration.ofMillis(300), Duration.ZERO,
            LinkStream.BOTH));

        List<FaultExecutor.Injected> injected = executor.injectTogether(List.of(blackhole, latency));

        assertThat(injected).extracting(FaultExecutor.Injected::error).containsOnlyNulls();
        assertThat(injected).extracting(i -> i.step().name()).containsExactly(blackhole.name(), latency.name());
        assertThat(stack.asked).as("times the leader was asked").hasValue(1);
        assertThat(injected).extracting(i -> i.fault().target())
            .containsOnly("links [gateways-engine-r1, replication-r1, client-gateway-r1]");
        Map<String, List<String>> expected = new TreeMap<>();
        for (String link : List.of("client-gateway-r1", "gateways-engine-r1", "replication-r1")) {
            expected.put(link, List.of("latency", "latency", "timeout", "timeout"));
        }
        assertThat(toxicsByProxy()).isEqualTo(expected);

        injected.forEach(i -> i.fault().heal());
        assertThat(toxicsByProxy()).as("toxics left after healing").isEmpty();

        // alone, a step asks for itself when it is due
        executor.injectTogether(List.of(blackhole)).get(0).fault().heal();
        assertThat(stack.asked).hasValue(2);
    }

    @Test
    void aFaultWhosePartsCannotAllBeAppliedLeavesNoPartBehind() throws Exception {
        FaultExecutor executor = new FaultExecutor(new MovingLeaderStack(),
            FaultRecorder.using(new FaultLedger(dir.resolve("ledger.jsonl"))), dir);
        TimelineStep step = new TimelineStep("blackhole three links", Duration.ofSeconds(20), new Fault.Blackhole(),
            new FaultTarget.LinkListTarget(List.of("client-gateway-r1", "no-such-link", "client-gateway-r2")),
            Optional.of(Duration.ofSeconds(10)));

        FaultExecutor.Injected result = executor.injectTogether(List.of(step, step("slow the leader's region",
            new Fault.Latency(Duration.ofMillis(300), Duration.ZERO, LinkStream.BOTH)))).get(0);

        assertThat(result.fault()).isNull();
        assertThat(result.error()).hasMessageStartingWith("no proxy [no-such-link] at [" + server.apiUrl() + "]");
        assertThat(toxicsByProxy()).as("toxics left: only the other step's")
            .containsOnlyKeys("client-gateway-r1", "gateways-engine-r1", "replication-r1")
            .allSatisfy((proxy, toxics) -> assertThat(toxics).containsExactly("latency", "latency"));
    }

    @Test
    void aPreparedStepIsOnRecordBeforeItsMomentAndAppliedAtIt() throws Exception {
        MovingLeaderStack stack = new MovingLeaderStack();
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultExecutor executor = new FaultExecutor(stack, FaultRecorder.using(ledger), dir);
        TimelineStep blackhole = step("blackhole the leader's region", new Fault.Blackhole());
        long due = System.nanoTime() + 1_500_000_000L;
        java.time.Instant dueAt = java.time.Instant.now().plusMillis(1_500);

        FaultExecutor.Prepared prepared = executor.prepare(List.of(blackhole), s -> due);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ledger.unhealed().size() == 3);

        assertThat(System.nanoTime()).as("all three links on record before the moment").isLessThan(due);
        assertThat(stack.asked).as("the leader asked ahead").hasValue(1);
        assertThat(toxicsByProxy()).as("toxics before the moment").isEmpty();
        assertThat(prepared.isDone()).isFalse();

        FaultExecutor.Injected in = prepared.await().get(0);
        assertThat(in.error()).isNull();
        assertThat(in.inEffect()).as("in effect at, not before, its moment").isAfterOrEqualTo(dueAt.minusMillis(20));
        assertThat(in.fault().injectedAt()).isEqualTo(in.inEffect());
        assertThat(toxicsByProxy()).containsOnlyKeys("client-gateway-r1", "gateways-engine-r1", "replication-r1");
        in.fault().heal();
    }

    @Test
    void aCancelledStepIsNeverAppliedAndLeavesNothingOnRecord() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        FaultExecutor executor = new FaultExecutor(new MovingLeaderStack(), FaultRecorder.using(ledger), dir);
        TimelineStep blackhole = step("blackhole the leader's region", new Fault.Blackhole());

        FaultExecutor.Prepared prepared = executor.prepare(List.of(blackhole), s -> System.nanoTime() + 60_000_000_000L);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ledger.unhealed().size() == 3);
        prepared.cancel();

        FaultExecutor.Injected in = prepared.await().get(0);
        assertThat(in.cancelled()).isTrue();
        assertThat(in.fault()).isNull();
        assertThat(toxicsByProxy()).isEmpty();
        assertThat(ledger.unhealed()).as("unhealed in the ledger").isEmpty();
    }

    @Test
    void warmingUpGoesThroughTheInjectorsAndChangesNothing() throws Exception {
        FaultLedger ledger = new FaultLedger(dir.resolve("ledger.jsonl"));
        MovingLeaderStack stack = new MovingLeaderStack();
        FaultExecutor executor = new FaultExecutor(stack, FaultRecorder.using(ledger), dir);

        executor.warmUp(List.of(step("blackhole the leader's region", new Fault.Blackhole()),
            new TimelineStep("missing link", Duration.ofSeconds(20), new Fault.Blackhole(),
                new FaultTarget.LinkTarget("no-such-link"), Optional.of(Duration.ofSeconds(5)))));

        assertThat(stack.asked).as("the leader asked to find the region's links").hasValue(1);
        assertThat(toxicsByProxy()).isEmpty();
        // one write through a scratch proxy (all links share one API here), recorded and healed; no link touched
        assertThat(client.getProxies()).extracting(Proxy::getName).noneMatch(n -> n.startsWith("chaos-warm-up-"));
        assertThat(ledger.entries()).extracting(e -> e.type() + " " + e.target())
            .hasSize(2).allMatch(t -> t.matches("network\\.(warm-up scratch proxy|latency proxy) chaos-warm-up-\\p{XDigit}+"));
        assertThat(ledger.unhealed()).isEmpty();
    }

    private static TimelineStep step(String name, Fault<?> fault) {
        return new TimelineStep(name, Duration.ofSeconds(20), fault, new FaultTarget.RegionTarget("leader"),
            Optional.of(Duration.ofSeconds(25)));
    }

    private Map<String, List<String>> toxicsByProxy() throws Exception {
        Map<String, List<String>> byProxy = new TreeMap<>();
        for (Proxy p : client.getProxies()) {
            List<String> types = new ArrayList<>();
            for (Toxic t : p.toxics().getAll()) {
                types.add(t.getClass().getSimpleName().toLowerCase());
            }
            if (!types.isEmpty()) {
                byProxy.put(p.getName(), types.stream().sorted().toList());
            }
        }
        return byProxy;
    }
}
