package io.exchangechaos.fault.network;

import java.time.Duration;

/**
 * The Java DSL of the {@code slice} fault, next to core's {@code ScenarioDsl}:
 * {@code at(ofSeconds(20)).inject(slice(8).sizeVariation(4).delay(ofMillis(2))).on(link("client-gateway-r1"))}.
 */
public final class SliceDsl {

    private SliceDsl() {
    }

    /** Segments of {@code averageSizeBytes} bytes, back to back; refine with {@code .sizeVariation(…)} and {@code .delay(…)}. */
    public static Slice slice(long averageSizeBytes) {
        return new Slice(averageSizeBytes, 0, Duration.ZERO);
    }
}
