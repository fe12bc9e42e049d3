package io.exchangechaos.core.scenario;

import io.exchangechaos.core.yaml.Durations;
import java.time.Duration;

/**
 * A burst on top of the load: from {@code at} (since load start) for {@code duration}, orders start at {@code rate}
 * instead; models every client reconnecting at once. Built in Java as
 * {@code surgeAt(ofSeconds(45)).rate(1000).perSecond().during(ofSeconds(3))}.
 */
public record Surge(Duration at, Rate rate, Duration duration) {

    public Duration end() {
        return at.plus(duration);
    }

    /** Second stage: the surge's rate. */
    public record At(Duration at) {
        public Rated rate(double orders) {
            return new Rated(at, orders);
        }
    }

    /** Third stage: the unit of the rate. */
    public record Rated(Duration at, double orders) {
        public PerSecond perSecond() {
            return new PerSecond(at, new Rate(orders));
        }
    }

    /** Last stage: how long the surge lasts. */
    public record PerSecond(Duration at, Rate rate) {
        public Surge during(Duration duration) {
            return new Surge(at, rate, duration);
        }
    }

    @Override
    public String toString() {
        return "{at: " + Durations.format(at) + ", rate: " + rate + ", duration: " + Durations.format(duration) + "}";
    }
}
