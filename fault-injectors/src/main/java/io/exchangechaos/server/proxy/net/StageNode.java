package io.exchangechaos.server.proxy.net;

import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.toxic.Cancellable;
import io.exchangechaos.server.proxy.toxic.Chunk;
import io.exchangechaos.server.proxy.toxic.StageContext;
import io.exchangechaos.server.proxy.toxic.Stages;
import io.exchangechaos.server.proxy.toxic.ToxicStage;
import java.util.random.RandomGenerator;

/** A toxic's place in one pipe's chain: links its stage to the next one and to the pipe. */
final class StageNode implements StageContext {
    private final Pipe pipe;
    private final ToxicStage stage;
    private Toxic toxic;
    private boolean active;
    private boolean removed;
    private boolean eofPassed;
    StageNode next;

    StageNode(Pipe pipe, Toxic toxic) {
        this.pipe = pipe;
        this.toxic = toxic;
        this.stage = Stages.create(toxic.type(), this);
        stage.configure(toxic);
        this.active = draw(toxic);
        if (active) {
            stage.start();
        }
    }

    Toxic toxic() {
        return toxic;
    }

    void accept(Chunk chunk) {
        if (active) {
            stage.onData(chunk);
        } else {
            emit(chunk);
        }
    }

    void acceptEof(boolean closeConnection) {
        if (active) {
            stage.onEof(closeConnection);
        } else {
            emitEof(closeConnection);
        }
    }

    /** New attributes or toxicity: toxicity is drawn again, as Toxiproxy rebuilds the toxic. */
    void update(Toxic changed) {
        boolean wasActive = active;
        toxic = changed;
        stage.configure(changed);
        active = draw(changed);
        if (wasActive && !active) {
            stage.stop(false);
        } else if (!wasActive && active) {
            stage.start();
        } else if (active) {
            stage.reconfigured();
        }
    }

    /** Flushes anything held into the next node; call before unlinking. */
    void remove() {
        if (active) {
            stage.stop(true);
        }
        active = false;
        removed = true;
    }

    private boolean draw(Toxic t) {
        return pipe.loop().random().nextFloat() < t.toxicity();
    }

    @Override
    public void emit(Chunk chunk) {
        if (eofPassed || pipe.isClosed()) {
            pipe.release(chunk.length());
        } else if (next != null) {
            next.accept(chunk);
        } else {
            pipe.deliver(chunk);
        }
    }

    @Override
    public void emitEof(boolean closeConnection) {
        if (eofPassed) {
            return;
        }
        eofPassed = true;
        if (next != null) {
            next.acceptEof(closeConnection);
        } else {
            pipe.deliverEof(closeConnection);
        }
    }

    @Override
    public void release(int bytes) {
        pipe.release(bytes);
    }

    @Override
    public void resetConnection() {
        pipe.connection().reset();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        return pipe.loop().schedule(delayNanos, () -> {
            if (!removed && !pipe.isClosed()) {
                task.run();
            }
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return pipe.loop().random();
    }
}
