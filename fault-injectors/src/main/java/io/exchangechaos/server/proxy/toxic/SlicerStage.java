package io.exchangechaos.server.proxy.toxic;

import io.exchangechaos.server.proxy.model.Toxic;

/**
 * Splits data into pieces of {@code average_size} ± uniform({@code size_variation}) bytes, with
 * {@code delay} µs between pieces.
 */
final class SlicerStage extends HoldingStage {
    private int averageSize;
    private int sizeVariation;
    private long delayNanos;

    SlicerStage(StageContext ctx) {
        super(ctx);
    }

    @Override
    public void configure(Toxic toxic) {
        averageSize = (int) Math.min(Integer.MAX_VALUE, Math.max(0, toxic.attribute("average_size")));
        sizeVariation = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(0, toxic.attribute("size_variation")));
        delayNanos = Math.max(0, toxic.attribute("delay")) * 1_000L;
    }

    @Override
    protected void pump() {
        while (!held.isEmpty()) {
            Chunk head = held.peek();
            int size = pieceSize();
            ctx.emit(size >= head.length() ? held.poll() : head.split(size));
            if (delayNanos > 0 && !held.isEmpty()) {
                wakeAfter(delayNanos);
                return;
            }
        }
        passEof();
    }

    int pieceSize() {
        int size = averageSize;
        if (sizeVariation > 0) {
            size += ctx.random().nextInt(-sizeVariation, sizeVariation + 1);
        }
        return Math.max(1, size);
    }
}
