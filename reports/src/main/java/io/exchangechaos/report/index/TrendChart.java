package io.exchangechaos.report.index;

import static io.exchangechaos.report.html.Html.esc;

import io.exchangechaos.report.Figures;
import io.exchangechaos.report.html.Axis;
import io.exchangechaos.report.index.RunIndex.Run;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** One figure across a scenario's runs, oldest on the left, as inline SVG; each point coloured by its run's verdict. */
final class TrendChart {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 190;
    private static final int LEFT = 58;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 34;

    private TrendChart() {
    }

    static String svg(String id, String title, String unit, List<Run> runs, Function<Run, Double> figure) {
        double max = runs.stream().map(figure).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double plotBottom = HEIGHT - BOTTOM;
        Axis axis = Axis.linear(max, TOP, plotBottom);
        int n = runs.size();
        double span = WIDTH - LEFT - RIGHT;
        StringBuilder g = new StringBuilder();
        g.append("<svg id=\"").append(esc(id)).append("\" class=\"trend\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title\"><title id=\"").append(esc(id))
            .append("-title\">").append(esc(title)).append("</title>\n");
        for (double tick : axis.ticks()) {
            double y = axis.y(tick);
            g.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/><text class=\"axis-label\" x=\"").append(LEFT - 6)
                .append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">").append(esc(label(tick, unit)))
                .append("</text>\n");
        }
        g.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
            .append(f(plotBottom)).append("\" y2=\"").append(f(plotBottom)).append("\"/>\n");
        StringBuilder line = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Run r = runs.get(i);
            double x = n == 1 ? LEFT + span / 2 : LEFT + span * i / (n - 1);
            Double v = figure.apply(r);
            String when = r.outcome().startedAt();
            if (i == 0 || i == n - 1) {
                g.append("<text class=\"axis-label\" x=\"").append(f(x)).append("\" y=\"").append(f(plotBottom + 16))
                    .append("\" text-anchor=\"").append(n == 1 ? "middle" : i == 0 ? "start" : "end").append("\">")
                    .append(esc(when == null ? r.directory() : when.replace('T', ' ').replaceAll("(\\.\\d+)?Z$", " UTC")))
                    .append("</text>");
            }
            if (v == null) {
                // no figure: the run never recovered or measured nothing; mark it on the axis, do not draw it as zero
                g.append("<text class=\"never\" x=\"").append(f(x)).append("\" y=\"").append(f(plotBottom - 4))
                    .append("\" text-anchor=\"middle\">×<title>").append(esc(r.directory() + ": n/a (" + r.outcome().verdict() + ")"))
                    .append("</title></text>");
                continue;
            }
            double y = axis.y(v);
            line.append(line.length() == 0 ? "M" : " L").append(f(x)).append(',').append(f(y));
            points.append("<circle class=\"pt v-").append(r.outcome().verdict()).append("\" cx=\"").append(f(x)).append("\" cy=\"")
                .append(f(y)).append("\" r=\"4.5\"><title>").append(esc(r.directory() + ": " + Figures.value(v, unit) + " ("
                    + r.outcome().verdict() + ", weakness " + Figures.weakness(r.outcome().weakness()) + ")"))
                .append("</title></circle>");
        }
        if (line.length() > 0) {
            g.append("<path class=\"trend-line\" d=\"").append(line).append("\"/>\n");
        }
        g.append(points).append("\n</svg>");
        return g.toString();
    }

    private static String label(double v, String unit) {
        return Figures.number(v) + " " + unit;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
