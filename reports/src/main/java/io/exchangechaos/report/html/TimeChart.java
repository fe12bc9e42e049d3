package io.exchangechaos.report.html;

import io.exchangechaos.report.Figures;
import io.exchangechaos.report.json.ReportJson.FaultWindow;
import io.exchangechaos.report.json.ReportJson.PhaseWindow;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A chart over the seconds of a run, drawn as inline SVG: series as lines or bars, every fault window shaded and
 * labelled (as Jepsen does), phase boundaries marked. No script, no fonts, no fetches; styled by the page's CSS
 * classes ({@code fault-window}, {@code fault-label}, {@code phase-marker}, {@code phase-label}, {@code series-*}).
 *
 * @param id       unique in the page; the SVG's id and the prefix of its title id
 * @param title    what the chart shows, e.g. "Latency of acknowledged operations"
 * @param unit     value unit for the axis labels: "ms" or "/s"
 * @param log      logarithmic value axis (for latencies spanning decades)
 * @param seconds  length of the time axis
 */
public record TimeChart(String id, String title, String unit, boolean log, double seconds, List<Series> series,
                        List<FaultWindow> faults, List<PhaseWindow> phases) {

    public enum Style { LINE, BARS }

    /**
     * @param values one value per second (index = second); NaN is a gap
     */
    public record Series(String name, String cssClass, Style style, double[] values) {
    }

    static final int WIDTH = 960;
    static final int HEIGHT = 230;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 26;
    static final int BOTTOM = 32;

    public TimeChart {
        series = List.copyOf(series);
        faults = faults == null ? List.of() : List.copyOf(faults);
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    public String svg() {
        double plotBottom = HEIGHT - BOTTOM;
        Axis axis = valueAxis(plotBottom);
        DoubleFunction<Double> x = s -> LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(seconds, s)) / seconds;

        StringBuilder g = new StringBuilder();
        g.append("<svg id=\"").append(Html.esc(id)).append("\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(Html.esc(id)).append("-title\">")
            .append("<title id=\"").append(Html.esc(id)).append("-title\">").append(Html.esc(title)).append("</title>\n");

        // fault windows first, so the data draws over them
        int row = 0;
        for (FaultWindow f : faults) {
            double end = f.endSecond() == null ? seconds : f.endSecond();
            double x0 = x.apply(f.startSecond());
            double x1 = Math.max(x0 + 1.5, x.apply(end));
            String label = Figures.orDash(f.name()) + " (" + f.type() + ")";
            String span = Figures.second(f.startSecond()) + "–"
                + (f.endSecond() == null ? "not healed" : Figures.second(f.endSecond()));
            g.append("<g class=\"fault\"><rect class=\"fault-window\" data-fault=\"").append(Html.esc(f.name()))
                .append("\" x=\"").append(n(x0)).append("\" y=\"").append(TOP).append("\" width=\"").append(n(x1 - x0))
                .append("\" height=\"").append(n(plotBottom - TOP)).append("\"><title>")
                .append(Html.esc("fault: " + label + ", " + f.target() + ", " + span)).append("</title></rect>")
                .append("<text class=\"fault-label\" x=\"").append(n(x0 + 4)).append("\" y=\"").append(TOP + 13 + 13 * row)
                .append("\">").append(Html.esc("⚡ " + label + " · " + span)).append("</text></g>\n");
            row = (row + 1) % 3;
        }

        // value grid and axis labels
        for (double tick : axis.ticks()) {
            double y = axis.y(tick);
            g.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(n(y)).append("\" y2=\"").append(n(y)).append("\"/>")
                .append("<text class=\"axis-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(n(y + 4))
                .append("\" text-anchor=\"end\">").append(Html.esc(tickLabel(tick))).append("</text>\n");
        }
        // time axis
        double step = Axis.niceStep(seconds, 8);
        for (double s = 0; s <= seconds + 1e-9; s += step) {
            double px = x.apply(s);
            g.append("<line class=\"tick\" x1=\"").append(n(px)).append("\" x2=\"").append(n(px)).append("\" y1=\"")
                .append(n(plotBottom)).append("\" y2=\"").append(n(plotBottom + 4)).append("\"/>")
                .append("<text class=\"axis-label\" x=\"").append(n(px)).append("\" y=\"").append(n(plotBottom + 16))
                .append("\" text-anchor=\"middle\">").append(Html.esc(Figures.second(s))).append("</text>\n");
        }
        g.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
            .append(n(plotBottom)).append("\" y2=\"").append(n(plotBottom)).append("\"/>\n");

        // phases: a dashed line at each boundary, the name over each window
        for (PhaseWindow p : phases) {
            double x0 = x.apply(p.startSecond());
            double x1 = x.apply(p.endSecond());
            if (p.startSecond() > 0) {
                g.append("<line class=\"phase-marker\" data-phase=\"").append(Html.esc(p.phase())).append("\" x1=\"")
                    .append(n(x0)).append("\" x2=\"").append(n(x0)).append("\" y1=\"").append(TOP - 12)
                    .append("\" y2=\"").append(n(plotBottom)).append("\"/>");
            }
            g.append("<text class=\"phase-label\" x=\"").append(n((x0 + x1) / 2)).append("\" y=\"").append(TOP - 8)
                .append("\" text-anchor=\"middle\">").append(Html.esc(p.phase())).append("</text>\n");
        }

        // data
        double slot = (WIDTH - LEFT - RIGHT) / seconds;
        for (Series s : series) {
            g.append("<g class=\"series ").append(Html.esc(s.cssClass())).append("\" data-series=\"")
                .append(Html.esc(s.name())).append("\">");
            if (s.style() == Style.BARS) {
                for (int t = 0; t < s.values().length; t++) {
                    double v = s.values()[t];
                    if (Double.isNaN(v) || v <= 0) {
                        continue;
                    }
                    double y = axis.y(v);
                    g.append("<rect x=\"").append(n(x.apply(t) + slot * 0.1)).append("\" y=\"").append(n(y))
                        .append("\" width=\"").append(n(slot * 0.8)).append("\" height=\"").append(n(plotBottom - y))
                        .append("\"><title>").append(Html.esc(Figures.second(t) + ": " + Figures.number(v) + " " + s.name()))
                        .append("</title></rect>");
                }
            } else {
                g.append("<path d=\"").append(path(s.values(), x, axis)).append("\"/>");
            }
            g.append("</g>\n");
        }
        g.append("</svg>");
        return g.toString();
    }

    private Axis valueAxis(double plotBottom) {
        double max = 0;
        double minPositive = Double.MAX_VALUE;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    if (v > 0) {
                        minPositive = Math.min(minPositive, v);
                    }
                }
            }
        }
        return log && max > 0 ? Axis.logarithmic(minPositive, max, TOP, plotBottom) : Axis.linear(max, TOP, plotBottom);
    }

    /** A path through the middle of each second, lifting the pen over gaps (NaN, or non-positive on a log axis). */
    private static String path(double[] values, DoubleFunction<Double> x, Axis axis) {
        StringBuilder d = new StringBuilder();
        boolean penDown = false;
        for (int t = 0; t < values.length; t++) {
            double y = axis.y(values[t]);
            if (Double.isNaN(y)) {
                penDown = false;
                continue;
            }
            d.append(penDown ? 'L' : 'M').append(n(x.apply(t + 0.5))).append(',').append(n(y)).append(' ');
            penDown = true;
        }
        return d.toString().trim();
    }

    private String tickLabel(double v) {
        String number = v >= 1000 && v % 1000 == 0 && "ms".equals(unit)
            ? Figures.number(v / 1000) + " s"
            : Figures.number(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
        return number;
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
