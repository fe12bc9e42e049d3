package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/** Passes data unchanged; useful to test toxic plumbing without an effect. */
final class NoopStage extends ToxicStage {
    NoopStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
    }

    @Override
    public void onData(Chunk chunk) {
        ctx.emit(chunk);
    }
}
