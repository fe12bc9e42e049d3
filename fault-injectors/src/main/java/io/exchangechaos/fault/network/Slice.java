package io.exchangechaos.fault.network;

import io.exchangechaos.core.scenario.Fault;
import io.exchangechaos.core.scenario.FaultTarget.ForLink;
import java.time.Duration;

/**
 * Data on a link cut into small segments with a delay between them (Toxiproxy's {@code slicer} toxic): a message
 * arrives in many reads instead of one, which a FIX or other binary parser must survive. In a scenario:
 * {@code fault: slice}, params {@code averageSize} and {@code sizeVariation} in bytes, {@code delay}; in Java
 * {@link SliceDsl#slice}.
 *
 * @param averageSize   bytes per segment on average, at least 1
 * @param sizeVariation how many bytes a segment may be longer or shorter, less than {@code averageSize}
 * @param delay         between two segments; zero sends them back to back
 */
public record Slice(long averageSize, long sizeVariation, Duration delay) implements Fault<ForLink> {

    public Slice sizeVariation(long bytes) {
        return new Slice(averageSize, bytes, delay);
    }

    public Slice delay(Duration between) {
        return new Slice(averageSize, sizeVariation, between);
    }
}
