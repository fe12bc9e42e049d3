package io.exchangechaos.stack.engine;

import io.exchangechaos.stack.common.HttpResponses;
import io.exchangechaos.stack.common.HttpService;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.common.Weakness;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.Exchange;
import io.exchangechaos.stack.matching.OrderView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A running engine replica. Only the Raft leader takes commands; a follower answers 503 naming the leader, so a
 * gateway moves on. Every replica serves its own state for reconciliation.
 */
public final class EngineNode implements AutoCloseable {
    static final RaftGroupId GROUP = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("exchange-chaos-engine".getBytes(StandardCharsets.UTF_8)));

    private final EngineConfig config;
    private final EngineStateMachine stateMachine = new EngineStateMachine();
    private final RaftServer server;
    private final RaftClient client;
    private final CommitPipeline pipeline;
    private final HttpService http;
    private final ExecutorService replicators = Executors.newFixedThreadPool(CommitPipeline.MAX_IN_FLIGHT, r -> {
        Thread t = new Thread(r, "replicate");
        t.setDaemon(true);
        return t;
    });

    private EngineNode(EngineConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        RaftGroup group = RaftGroup.valueOf(GROUP, config.peers().entrySet().stream()
            .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue().toString()).build()).toList());
        RaftProperties props = properties(config);
        server = RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(config.id()))
            .setGroup(group)
            .setStateMachine(stateMachine)
            .setProperties(props)
            .setOption(org.apache.ratis.server.storage.RaftStorage.StartupOption.RECOVER)
            .build();
        server.start();
        // the client only ever talks to this node (commands arrive at the leader): it reaches it directly, as a
        // process talks to itself, instead of through the replication proxy that carries the WAN's faults
        RaftGroup local = RaftGroup.valueOf(GROUP, config.peers().entrySet().stream()
            .map(e -> RaftPeer.newBuilder().setId(e.getKey())
                .setAddress(e.getKey().equals(config.id()) ? config.raft().toString() : e.getValue().toString()).build())
            .toList());
        client = RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(local)
            .setLeaderId(RaftPeerId.valueOf(config.id()))
            .setClientId(ClientId.randomId())
            // bounded: without a quorum the caller must hear "don't know" within a second or two, not hang
            .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(2, TimeDuration.valueOf(100, java.util.concurrent.TimeUnit.MILLISECONDS)))
            .build();
        pipeline = new CommitPipeline(this::replicate, config.weakness() == Weakness.ACK_BEFORE_REPLICATION,
            Duration.ofMillis(250));
        http = HttpService.start("engine", config.http(), LIMITS, this::route);
    }

    /**
     * Three gateways keep a few connections each; the commit pipeline, not these, bounds the orders waiting
     * ({@link CommitPipeline#MAX_QUEUED}).
     */
    static final HttpService.Limits LIMITS = new HttpService.Limits(8, 1024, 1024, Duration.ofSeconds(30), 256);
    private static final int MAX_COMMAND_BYTES = 64 * 1024;

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals("/commands")) {
            command(request, response, callback);
        } else if (path.startsWith("/orders/")) {
            order(path.substring("/orders/".length()), response, callback);
        } else if (path.equals("/trades")) {
            trades(request.getHttpURI().getQuery(), response, callback);
        } else if (path.startsWith("/state")) {
            state(path, response, callback);
        } else if (path.equals("/health")) {
            health(response, callback);
        } else {
            HttpResponses.error(response, callback, 404, "no such path [" + path + "]; use /commands, /orders/{id}, /trades, /state, /state/digest or /health");
        }
    }

    public static EngineNode start(EngineConfig config) throws IOException {
        return new EngineNode(config);
    }

    private static RaftProperties properties(EngineConfig config) {
        RaftProperties p = new RaftProperties();
        if (config.transport() == EngineConfig.Transport.NETTY) {
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
            NettyConfigKeys.Server.setHost(p, config.raft().host());
            NettyConfigKeys.Server.setPort(p, config.raft().port());
        } else {
            // gRPC backs off between reconnects to a dead peer; Netty's transport retried a peer that a proxy
            // accepts and then closes (a dead service behind Toxiproxy) so hard that replication to the live
            // follower stalled and leadership flapped
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
            org.apache.ratis.grpc.GrpcConfigKeys.Server.setHost(p, config.raft().host());
            org.apache.ratis.grpc.GrpcConfigKeys.Server.setPort(p, config.raft().port());
            org.apache.ratis.grpc.GrpcConfigKeys.Client.setHost(p, config.raft().host());
            org.apache.ratis.grpc.GrpcConfigKeys.Client.setPort(p, config.raft().port());
            org.apache.ratis.grpc.GrpcConfigKeys.Admin.setHost(p, config.raft().host());
            org.apache.ratis.grpc.GrpcConfigKeys.Admin.setPort(p, config.raft().port());
        }
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
        // a rejoining peer catches up far sooner with this than with the default policy
        p.set("raft.server.log.appender.retry.policy", "1ms,10,100ms,100000");
        // long enough that a starved follower does not call elections over a GC pause, short enough that losing the
        // leader costs about a second: with a frozen third replica a round waits out a whole timeout
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(450, java.util.concurrent.TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(900, java.util.concurrent.TimeUnit.MILLISECONDS));
        // a leader cut off from the others steps down after 3 s instead of Ratis's 10 s: until then it appends every
        // order it is sent to a log the majority never sees, and on rejoining it must throw all of them away before
        // it can catch up; its clients hear "not leader" at once instead of waiting out a commit that cannot come
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, TimeDuration.valueOf(3, java.util.concurrent.TimeUnit.SECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, 20_000);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("16MB"));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(2, java.util.concurrent.TimeUnit.SECONDS));
        return p;
    }

    /**
     * Blocking calls on a few threads rather than the ordered async API: one failed ordered request closes the
     * client's sliding window for good, and a leader must survive a slow quorum.
     */
    private CompletableFuture<byte[]> replicate(byte[] payload) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(payload)));
                if (!reply.isSuccess()) {
                    throw new CompletionException(reply.getException() != null ? reply.getException()
                        : new IllegalStateException("raft reply not successful"));
                }
                return reply.getMessage().getContent().toByteArray();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, replicators);
    }

    private DivisionInfo info() {
        try {
            return server.getDivision(GROUP).getInfo();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String leaderId() {
        RaftPeerId leader = info().getLeaderId();
        return leader == null ? null : leader.toString();
    }

    private void command(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod())) {
            HttpResponses.error(response, callback, 405, "use POST /commands");
            return;
        }
        Content.Source.asByteArrayAsync(request, MAX_COMMAND_BYTES).whenComplete((bytes, readError) -> {
            if (readError != null) {
                HttpResponses.error(response, callback, 400, "bad command: " + rootMessage(readError));
                return;
            }
            Command command;
            try {
                command = Json.MAPPER.readValue(bytes, Command.class);
            } catch (IOException e) {
                HttpResponses.error(response, callback, 400, "bad command: " + e.getMessage());
                return;
            }
            DivisionInfo info = info();
            if (!info.isLeader()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", "not leader");
                body.put("status", 503);
                body.put("leader", leaderId());
                HttpResponses.json(response, callback, 503, body);
                return;
            }
            pipeline.submit(command).whenComplete((view, error) -> {
                if (error == null) {
                    HttpResponses.json(response, callback, 200, view);
                } else if (error instanceof CommitPipeline.Busy || error.getCause() instanceof CommitPipeline.Busy) {
                    // refused before it was queued: nothing committed, and the gateway says so
                    HttpResponses.retryAfter(response, 1);
                    HttpResponses.error(response, callback, 429, "engine busy, nothing committed: " + rootMessage(error));
                } else {
                    // the entry may or may not be committed: the gateway retries with the same client order id
                    HttpResponses.error(response, callback, 504, "not committed: " + rootMessage(error));
                }
            });
        });
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void order(String clientOrderId, Response response, Callback callback) {
        OrderView view = stateMachine.read(e -> e.order(clientOrderId));
        if (view == null) {
            HttpResponses.error(response, callback, 404, "no order with client order id [" + clientOrderId + "]");
        } else {
            HttpResponses.json(response, callback, 200, view);
        }
    }

    /** Most trades one read returns: a gateway following the trades catches up in several reads. */
    static final int TRADES_PAGE = 1000;

    /**
     * Trades in id order, for gateways that report fills to their FIX sessions: {@code ?after=N} the next page after
     * trade N (trade ids count from 1 with no gaps), {@code ?clientOrderId=ID} every trade of one order.
     */
    private void trades(String query, Response response, Callback callback) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    params.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String order = params.get("clientOrderId");
        long after;
        try {
            after = Long.parseLong(params.getOrDefault("after", "0"));
        } catch (NumberFormatException e) {
            HttpResponses.error(response, callback, 400, "after [" + params.get("after") + "] must be a trade id; write /trades?after=0");
            return;
        }
        Map<String, Object> body = stateMachine.read(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appliedIndex", stateMachine.appliedIndex());
            m.put("tradeCount", e.tradeCount());
            m.put("trades", order != null ? e.tradesOf(order) : e.tradesAfter(after, TRADES_PAGE));
            return m;
        });
        HttpResponses.json(response, callback, 200, body);
    }

    /** Everything reconciliation needs, read at one applied index. */
    private void state(String path, Response response, Callback callback) {
        Map<String, Object> body = stateMachine.read(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("replica", config.id());
            m.put("appliedIndex", stateMachine.appliedIndex());
            m.put("digest", e.digest());
            m.put("orderCount", e.orderCount());
            if (!path.endsWith("/digest")) {
                m.put("orders", e.orders());
                m.put("trades", e.trades());
                m.put("balances", e.balances());
                m.put("totals", Exchange.totals(e.balances()));
            }
            return m;
        });
        HttpResponses.json(response, callback, 200, body);
    }

    private void health(Response response, Callback callback) {
        DivisionInfo info = info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replica", config.id());
        body.put("role", info.getCurrentRole().name());
        body.put("leader", leaderId());
        body.put("term", info.getCurrentTerm());
        body.put("appliedIndex", stateMachine.appliedIndex());
        body.put("weakness", config.weakness().label());
        body.put("raft", raft(info));
        boolean ready = leaderId() != null;
        body.put("ready", ready);
        HttpResponses.json(response, callback, ready ? 200 : 503, body);
    }

    /**
     * Where this replica's Raft log stands: its commit index, its last entry and, on the leader, how far it believes
     * each follower has come. A follower whose applied index stops while the leader's moves on shows here.
     */
    private Map<String, Object> raft(DivisionInfo info) {
        Map<String, Object> raft = new LinkedHashMap<>();
        try {
            RaftServer.Division division = server.getDivision(GROUP);
            raft.put("commitIndex", division.getRaftLog().getLastCommittedIndex());
            var last = division.getRaftLog().getLastEntryTermIndex();
            raft.put("lastEntry", last == null ? null : last.getTerm() + ":" + last.getIndex());
            if (info.isLeader()) {
                long[] next = info.getFollowerNextIndices();
                long[] match = info.getFollowerMatchIndices();
                List<String> followers = new java.util.ArrayList<>();
                for (int i = 0; i < next.length && i < match.length; i++) {
                    followers.add("next " + next[i] + " match " + match[i]);
                }
                raft.put("followers", followers);
            }
            Map<String, Long> commits = new LinkedHashMap<>();
            division.getCommitInfos().forEach(c -> commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex()));
            raft.put("commitInfos", commits);
        } catch (IOException | RuntimeException e) {
            raft.put("error", e.toString());
        }
        return raft;
    }

    @Override
    public void close() {
        http.close();
        pipeline.close();
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        replicators.shutdownNow();
    }

}
