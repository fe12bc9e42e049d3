package io.exchangechaos.server.proxy.toxic;

import java.util.ArrayDeque;

/**
 * A stage that queues chunks and releases them later, keeping order and passing the end of the
 * stream only after the last held chunk.
 */
abstract class HoldingStage extends ToxicStage {
    protected final ArrayDeque<Chunk> held = new ArrayDeque<>();
    private boolean eofHeld;
    private boolean eofCloses;
    private Cancellable timer;

    HoldingStage(StageContext ctx) {
        super(ctx);
    }

    /** Releases whatever is due and re-arms the timer for the rest. */
    protected abstract void pump();

    @Override
    public void onData(Chunk chunk) {
        held.add(chunk);
        if (timer == null) {
            pump();
        }
    }

    @Override
    public void onEof(boolean closeConnection) {
        eofHeld = true;
        eofCloses = closeConnection;
        if (held.isEmpty()) {
            passEof();
        }
    }

    @Override
    public void stop(boolean removed) {
        cancelTimer();
        while (!held.isEmpty()) {
            ctx.emit(held.poll());
        }
        passEof();
    }

    protected final void wakeAfter(long delayNanos) {
        cancelTimer();
        timer = ctx.schedule(delayNanos, () -> {
            timer = null;
            pump();
        });
    }

    protected final void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Call when {@link #held} has drained. */
    protected final void passEof() {
        if (eofHeld && held.isEmpty()) {
            eofHeld = false;
            ctx.emitEof(eofCloses);
        }
    }
}
