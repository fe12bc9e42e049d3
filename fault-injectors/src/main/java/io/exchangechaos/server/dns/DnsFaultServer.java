package io.exchangechaos.server.dns;

import io.exchangechaos.server.InProcessServers;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authoritative DNS server for one zone (UDP and TCP) whose answers can be broken per name at
 * run time, with a query log and an optional HTTP control API. Start with
 * {@link #start(DnsServerConfig)}; close to stop.
 */
public final class DnsFaultServer implements DnsFaultControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsFaultServer.class);
    /** Queries waiting for a worker beyond this are dropped (counted): overload looks like loss, as on a real server. */
    private static final int WORK_QUEUE = 10_000;
    private static final int BIND_ATTEMPTS = 5;

    private final DnsServerConfig config;
    private final Zone zone;
    private final RecordStore records;
    private final FaultTable faults;
    private final QueryLog queryLog;
    private final DnsResponder responder;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService delayer;
    private final LongAdder overloadDrops = new LongAdder();
    private final Instant startedAt;
    private final AtomicBoolean closed = new AtomicBoolean();
    private UdpListener udp;
    private TcpListener tcp;
    private ControlApi control;

    private DnsFaultServer(DnsServerConfig config, Clock clock, AnswerView view) throws IOException {
        this.config = config;
        this.zone = Zone.of(config.zone());
        this.records = new RecordStore(zone);
        config.records().forEach((name, addresses) -> records.put(new ZoneRecord(name, addresses, config.ttl())));
        this.faults = new FaultTable(zone, clock);
        this.queryLog = new QueryLog(config.queryLogCapacity(), config.queryLogFile());
        this.responder = new DnsResponder(zone, records, faults, config.ttl(), clock, view);
        this.workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORK_QUEUE),
                daemonThreads("dns-worker"));
        // LATENCY replies wait here instead of holding a worker, so one slow name never slows another.
        this.delayer = Executors.newSingleThreadScheduledExecutor(daemonThreads("dns-delay"));
        this.startedAt = clock.instant();
    }

    /** Binds DNS (UDP and TCP on the same port) and the control API, then starts answering. */
    public static DnsFaultServer start(DnsServerConfig config) throws IOException {
        return start(config, AnswerView.SAME_FOR_ALL);
    }

    /** As {@link #start(DnsServerConfig)}, answering each client through {@code view} (split horizon). */
    public static DnsFaultServer start(DnsServerConfig config, AnswerView view) throws IOException {
        DnsFaultServer server = new DnsFaultServer(config, Clock.systemUTC(), view);
        try {
            server.bindDns(config.dnsListen());
            if (config.controlListen() != null) {
                server.control = ControlApi.start(config.controlListen(), server);
                server.controlUri().ifPresent(u -> InProcessServers.register(u.toString()));
            }
            server.udp.start();
            server.tcp.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("DNS fault server for zone [{}] on [{}] udp+tcp, control [{}]", server.zone, server.udpAddress(),
                server.controlUri().map(URI::toString).orElse("off"));
        return server;
    }

    private void bindDns(InetSocketAddress listen) throws IOException {
        for (int attempt = 1; ; attempt++) {
            udp = bindOrExplain(listen, "udp", a -> UdpListener.bind(a, this::dispatch));
            InetSocketAddress sameport = new InetSocketAddress(listen.getAddress(), udp.address().getPort());
            try {
                tcp = TcpListener.bind(sameport, this::dispatch);
                return;
            } catch (BindException e) {
                udp.close();
                // With port 0 the free UDP port may be taken for TCP: pick another pair.
                if (listen.getPort() != 0 || attempt == BIND_ATTEMPTS) {
                    throw bindProblem(sameport, "tcp", e);
                }
            }
        }
    }

    private interface Binder<T> {
        T bind(InetSocketAddress address) throws IOException;
    }

    private static <T> T bindOrExplain(InetSocketAddress address, String protocol, Binder<T> binder) throws IOException {
        try {
            return binder.bind(address);
        } catch (BindException e) {
            throw bindProblem(address, protocol, e);
        }
    }

    private static BindException bindProblem(InetSocketAddress address, String protocol, BindException cause) {
        BindException e = new BindException("cannot listen for DNS on [" + DnsNames.hostPort(address) + "]/" + protocol
                + ": " + cause.getMessage() + "; stop the process using it or choose another listen port");
        e.initCause(cause);
        return e;
    }

    /** Called on a transport's I/O thread: hand off at once. */
    private void dispatch(byte[] query, InetSocketAddress client, Transport transport, Consumer<byte[]> replier) {
        try {
            workers.execute(() -> answer(query, client, transport, replier));
        } catch (RejectedExecutionException e) {
            overloadDrops.increment();
        }
    }

    private void answer(byte[] query, InetSocketAddress client, Transport transport, Consumer<byte[]> replier) {
        Reply reply;
        try {
            reply = responder.respond(query, client, transport);
        } catch (RuntimeException e) {
            LOG.error("query from [{}] over {} could not be answered", client, transport, e);
            return;
        }
        if (reply.entry() != null) {
            queryLog.record(reply.entry());
        }
        if (!reply.sendsSomething()) {
            return;
        }
        if (reply.delay().isZero()) {
            replier.accept(reply.wire());
            return;
        }
        try {
            delayer.schedule(() -> replier.accept(reply.wire()), reply.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("server closing; delayed reply to [{}] not sent", client);
        }
    }

    public InetSocketAddress udpAddress() {
        return udp.address();
    }

    public InetSocketAddress tcpAddress() {
        return tcp.address();
    }

    /** The control API's address, if it was started. */
    public Optional<InetSocketAddress> controlAddress() {
        return Optional.ofNullable(control).map(ControlApi::address);
    }

    public Optional<URI> controlUri() {
        return controlAddress().map(a -> URI.create("http://" + DnsNames.hostPort(a)));
    }

    /** A client for this server's own control API (for tests and tools that speak HTTP anyway). */
    public DnsFaultClient client() {
        return DnsFaultClient.connect(controlUri().orElseThrow(() -> new IllegalStateException(
                "this server has no control API; start it with DnsServerConfig.withControlListen(...)")));
    }

    public String zone() {
        return zone.text();
    }

    public DnsServerConfig config() {
        return config;
    }

    @Override
    public FaultHandle inject(FaultSpec spec) {
        FaultSpec complete = spec.mode() == FaultMode.WRONG_ADDRESS && spec.address() == null
                ? spec.withAddress(config.blackHole())
                : spec;
        ActiveDnsFault fault = faults.activate(complete);
        LOG.info("DNS fault [{}] on: {} {}", fault.id(), fault.mode(), fault.pattern());
        return new FaultHandle(fault, this);
    }

    @Override
    public boolean heal(String faultId) {
        boolean healed = faults.heal(faultId);
        if (healed) {
            LOG.info("DNS fault [{}] healed", faultId);
        }
        return healed;
    }

    @Override
    public int clearFaults() {
        int healed = faults.clear();
        LOG.info("DNS faults cleared ({} healed)", healed);
        return healed;
    }

    @Override
    public List<ActiveDnsFault> faults() {
        return faults.list();
    }

    Optional<ActiveDnsFault> fault(String id) {
        return faults.find(id);
    }

    @Override
    public List<ZoneRecord> records() {
        return records.all();
    }

    @Override
    public ZoneRecord putRecord(ZoneRecord record) {
        return records.put(record);
    }

    @Override
    public ZoneRecord putRecord(String name, List<Inet4Address> addresses) {
        return records.put(new ZoneRecord(name, addresses, config.ttl()));
    }

    @Override
    public boolean removeRecord(String name) {
        return records.remove(name);
    }

    @Override
    public Optional<ZoneRecord> record(String name) {
        return records.get(DnsNames.canonical(name));
    }

    @Override
    public List<QueryLogEntry> queries(QueryFilter filter) {
        return queryLog.entries(filter);
    }

    @Override
    public QueryCounts queryCounts() {
        return queryLog.counts();
    }

    @Override
    public DnsServerStatus status() {
        return new DnsServerStatus(zone.text(), DnsNames.hostPort(udpAddress()), DnsNames.hostPort(tcpAddress()),
                controlUri().map(URI::toString).orElse(null), startedAt, faults.size(), queryLog.total(),
                overloadDrops.sum());
    }

    Zone zoneRules() {
        return zone;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (control != null) {
            controlUri().ifPresent(u -> InProcessServers.unregister(u.toString()));
            control.close();
        }
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        workers.shutdownNow();
        delayer.shutdownNow();
        queryLog.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
