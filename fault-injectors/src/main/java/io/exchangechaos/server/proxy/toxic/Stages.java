package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.ToxicType;

/** Creates the stage that implements a toxic type. */
public final class Stages {
    private Stages() {
    }

    public static ToxicStage create(ToxicType type, StageContext ctx) {
        return switch (type) {
            case LATENCY -> new LatencyStage(ctx);
            case BANDWIDTH -> new BandwidthStage(ctx);
            case SLOW_CLOSE -> new SlowCloseStage(ctx);
            case TIMEOUT -> new TimeoutStage(ctx);
            case RESET_PEER -> new ResetPeerStage(ctx);
            case SLICER -> new SlicerStage(ctx);
            case LIMIT_DATA -> new LimitDataStage(ctx);
            case NOOP -> new NoopStage(ctx);
        };
    }
}
