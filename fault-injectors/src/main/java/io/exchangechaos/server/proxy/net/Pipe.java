package io.exchangechaos.server.proxy.net;

import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.toxic.Chunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One direction of a connection: reads from {@code source}, runs the data through the toxic
 * chain, writes it to {@code sink}. Without toxics it writes straight from the loop's read
 * buffer, so the common path allocates nothing.
 */
final class Pipe {
    /** With toxics, stop reading once this much is read but not yet written (latency can hold a lot). */
    private static final long HIGH_WATER_BYTES = 1 << 20;

    private final Connection connection;
    private final ProxyEndpoint source;
    private final ProxyEndpoint sink;
    private final List<StageNode> nodes = new ArrayList<>(2);
    private final ArrayDeque<Chunk> outQueue = new ArrayDeque<>();
    /** Direct path only: what the sink did not take; allocated once, on the first full socket buffer. */
    private ByteBuffer spill;
    /** Bytes read from the source and not yet written to the sink or dropped by a toxic. */
    private long inflight;
    private boolean started;
    private boolean sourceEof;
    private boolean eofArrived;
    private boolean closeOnDrain;
    private boolean outputDone;

    Pipe(Connection connection, ProxyEndpoint source, ProxyEndpoint sink) {
        this.connection = connection;
        this.source = source;
        this.sink = sink;
        source.inbound = this;
        sink.outbound = this;
    }

    Connection connection() {
        return connection;
    }

    IoLoop loop() {
        return connection.loop();
    }

    boolean isClosed() {
        return connection.isClosed();
    }

    boolean outputDone() {
        return outputDone;
    }

    /** Read from the source and not yet written to the sink: a toxic holds it, or the sink is slow. */
    boolean holdsData() {
        return inflight > 0;
    }

    void start(List<Toxic> toxics) {
        started = true;
        applyToxics(toxics);
    }

    /**
     * Brings the chain in line with the proxy's toxics: removed ones flush what they hold and
     * go, changed ones are reconfigured in place (keeping their per-connection state), new ones
     * are appended.
     */
    void applyToxics(List<Toxic> wanted) {
        if (!started) {
            return;
        }
        Map<String, Toxic> wantedByName = new HashMap<>();
        for (Toxic t : wanted) {
            wantedByName.put(t.name(), t);
        }
        Map<String, StageNode> kept = new HashMap<>();
        for (StageNode node : nodes) {
            Toxic replacement = wantedByName.get(node.toxic().name());
            if (replacement == null || replacement.type() != node.toxic().type()) {
                node.remove(); // in chain order, so held data flows into nodes still linked
            } else {
                kept.put(replacement.name(), node);
            }
        }
        List<StageNode> chain = new ArrayList<>(wanted.size());
        for (Toxic t : wanted) {
            StageNode node = kept.get(t.name());
            if (node == null) {
                node = new StageNode(this, t);
            } else if (!node.toxic().equals(t)) {
                node.update(t);
            }
            chain.add(node);
        }
        nodes.clear();
        nodes.addAll(chain);
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
        }
        updateReading();
    }

    void onReadable() {
        ByteBuffer buffer = loop().readBuffer();
        buffer.clear();
        int n;
        try {
            n = source.channel.read(buffer);
        } catch (IOException e) {
            connection.close();
            return;
        }
        if (n < 0) {
            onSourceEof();
            return;
        }
        if (n == 0) {
            return;
        }
        connection.onRead();
        buffer.flip();
        if (nodes.isEmpty() && nothingPending() && !eofArrived) {
            writeDirect(buffer);
            return;
        }
        Chunk chunk = Chunk.copyOf(buffer, System.nanoTime());
        inflight += n;
        if (nodes.isEmpty()) {
            deliver(chunk);
        } else {
            nodes.get(0).accept(chunk);
        }
        updateReading();
    }

    private void writeDirect(ByteBuffer buffer) {
        try {
            sink.channel.write(buffer);
        } catch (IOException e) {
            connection.close();
            return;
        }
        if (buffer.hasRemaining()) {
            if (spill == null) {
                spill = ByteBuffer.allocateDirect(buffer.capacity());
            }
            spill.clear();
            spill.put(buffer).flip();
            inflight += spill.remaining();
            sink.interest(SelectionKey.OP_WRITE, true);
            updateReading();
        }
    }

    private boolean nothingPending() {
        return outQueue.isEmpty() && (spill == null || !spill.hasRemaining());
    }

    private void onSourceEof() {
        sourceEof = true;
        source.interest(SelectionKey.OP_READ, false);
        connection.onHalfClosed();
        if (nodes.isEmpty()) {
            deliverEof(false);
        } else {
            nodes.get(0).acceptEof(false);
        }
    }

    /** The end of the chain: write now if nothing is queued, else queue behind. */
    void deliver(Chunk chunk) {
        if (connection.isClosed() || outputDone || eofArrived) {
            inflight -= chunk.length();
            return;
        }
        if (nothingPending()) {
            try {
                write(chunk);
            } catch (IOException e) {
                connection.close();
                return;
            }
            if (chunk.length() == 0) {
                updateReading();
                return;
            }
        }
        outQueue.add(chunk);
        sink.interest(SelectionKey.OP_WRITE, true);
    }

    void deliverEof(boolean closeConnection) {
        if (outputDone || eofArrived) {
            return;
        }
        eofArrived = true;
        closeOnDrain = closeConnection;
        if (nothingPending()) {
            finishOutput();
        }
    }

    void onWritable() {
        try {
            if (spill != null && spill.hasRemaining()) {
                inflight -= sink.channel.write(spill);
                if (spill.hasRemaining()) {
                    return;
                }
            }
            Chunk head;
            while ((head = outQueue.peek()) != null) {
                write(head);
                if (head.length() > 0) {
                    return; // socket buffer full; OP_WRITE stays on
                }
                outQueue.poll();
            }
        } catch (IOException e) {
            connection.close();
            return;
        }
        sink.interest(SelectionKey.OP_WRITE, false);
        if (eofArrived) {
            finishOutput();
        }
        updateReading();
    }

    private void write(Chunk chunk) throws IOException {
        int written = sink.channel.write(chunk.asBuffer());
        chunk.consumed(written);
        inflight -= written;
    }

    void release(int bytes) {
        inflight -= bytes;
        updateReading();
    }

    private void finishOutput() {
        outputDone = true;
        if (closeOnDrain) {
            connection.close();
            return;
        }
        try {
            sink.channel.shutdownOutput(); // pass the half-close on, like a transparent TCP proxy
        } catch (IOException e) {
            connection.close();
            return;
        }
        connection.onOutputDone();
    }

    private void updateReading() {
        if (connection.isClosed()) {
            return;
        }
        long limit = nodes.isEmpty() ? 1 : HIGH_WATER_BYTES; // direct: one buffer in flight at most
        source.interest(SelectionKey.OP_READ, started && !sourceEof && inflight < limit);
    }
}
