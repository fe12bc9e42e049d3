package io.exchangechaos.stack.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import io.exchangechaos.stack.common.Json;
import io.exchangechaos.stack.matching.Command;
import io.exchangechaos.stack.matching.Exchange;
import io.exchangechaos.stack.matching.OrderView;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/** Applies committed batches of commands to the deterministic {@link Exchange}; snapshots it to disk. */
final class EngineStateMachine extends BaseStateMachine {
    static final TypeReference<List<Command>> BATCH = new TypeReference<>() {
    };
    static final TypeReference<List<OrderView>> RESULTS = new TypeReference<>() {
    };

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private Exchange exchange = Exchange.genesis();

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadSnapshot(storage.getLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        loadSnapshot(storage.loadLatestSnapshot());
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private synchronized void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        Exchange.Snapshot s = Json.MAPPER.readValue(file, Exchange.Snapshot.class);
        exchange = Exchange.restore(s);
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    @Override
    public long takeSnapshot() throws IOException {
        Exchange.Snapshot s;
        TermIndex last;
        synchronized (this) {
            s = exchange.snapshot();
            last = getLastAppliedTermIndex();
        }
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = new File(target.getPath() + ".tmp");
        Json.MAPPER.writeValue(tmp, s);
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(
            new FileInfo(target.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(target)), last));
        return last.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        try {
            List<Command> batch = Json.MAPPER.readValue(
                entry.getStateMachineLogEntry().getLogData().toByteArray(), BATCH);
            List<OrderView> results = new ArrayList<>(batch.size());
            synchronized (this) {
                for (Command c : batch) {
                    results.add(exchange.apply(c));
                }
                updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            }
            return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                    Json.MAPPER.writeValueAsBytes(results))));
        } catch (IOException e) {
            // a batch that does not parse is skipped identically on every replica, so they stay equal
            synchronized (this) {
                updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Reads the exchange under the apply lock, so a reader sees one consistent applied index. */
    synchronized <T> T read(Function<Exchange, T> reader) {
        return reader.apply(exchange);
    }

    synchronized long appliedIndex() {
        TermIndex t = getLastAppliedTermIndex();
        return t == null ? -1 : t.getIndex();
    }
}
