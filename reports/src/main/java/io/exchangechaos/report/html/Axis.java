package io.exchangechaos.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A value axis: maps values to pixels and picks readable ticks, linear (1-2-5 steps) or logarithmic (decades).
 *
 * @param top    pixel of the largest value
 * @param bottom pixel of the smallest value
 */
public record Axis(double min, double max, boolean log, double top, double bottom, List<Double> ticks) {

    /** A linear axis from 0 to a round number at or above {@code maxValue}. */
    public static Axis linear(double maxValue, double top, double bottom) {
        double step = niceStep(maxValue > 0 ? maxValue : 1, 4);
        double max = Math.max(step, Math.ceil(maxValue / step) * step);
        List<Double> ticks = new ArrayList<>();
        for (double v = 0; v <= max + step / 2; v += step) {
            ticks.add(v);
        }
        return new Axis(0, max, false, top, bottom, List.copyOf(ticks));
    }

    /** A log axis spanning whole decades around the positive values; non-positive values fall off it. */
    public static Axis logarithmic(double minPositive, double maxValue, double top, double bottom) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(minPositive, 1e-3))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(maxValue, lo * 10))));
        if (hi <= lo) {
            hi = lo * 10;
        }
        List<Double> ticks = new ArrayList<>();
        for (double v = lo; v <= hi * 1.0001; v *= 10) {
            ticks.add(v);
        }
        return new Axis(lo, hi, true, top, bottom, List.copyOf(ticks));
    }

    /** Pixel of a value; NaN when the value cannot be shown (non-positive on a log axis, NaN). */
    public double y(double value) {
        if (Double.isNaN(value) || log && value <= 0) {
            return Double.NaN;
        }
        double f = log
            ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
            : (value - min) / (max - min);
        f = Math.max(0, Math.min(1, f));
        return bottom - f * (bottom - top);
    }

    /** A step of 1, 2 or 5 times a power of ten giving about {@code targetTicks} intervals up to {@code range}. */
    public static double niceStep(double range, int targetTicks) {
        double raw = range / targetTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
