package io.exchangechaos.report;

import io.exchangechaos.core.verdict.RunOutcome;
import io.exchangechaos.report.json.ReportJson;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** How every report spells a number: grouped thousands, a unit, and no false precision. */
public final class Figures {

    private Figures() {
    }

    /** A measured value in its unit: {@code 2,019 ms}, {@code 4.2 ms}, {@code 2.50 %} (ratio), {@code 3.0 s}; "n/a" for null. */
    public static String value(Double value, String unit) {
        if (value == null || value.isNaN()) {
            return "n/a";
        }
        String u = unit == null ? "" : unit;
        return switch (u) {
            case "ms" -> millis(value);
            case "ratio" -> String.format(Locale.ROOT, "%.2f %%", value * 100);
            case "%" -> String.format(Locale.ROOT, "%.2f %%", value);
            case "s" -> String.format(Locale.ROOT, "%.1f s", value);
            case "" -> number(value);
            default -> number(value) + " " + u;
        };
    }

    /** How the exchange recovered, in words: only what was measured, and "not measured" when nothing was. */
    public static String recovery(ReportJson.Recovery r) {
        if (r.seconds() != null) {
            return value(r.seconds(), "s") + " after the last heal";
        }
        return RunOutcome.Recovery.NO_BUDGET.equals(r.detail())
            ? "not measured (the scenario has no recovery budget)" : "never recovered";
    }

    /** Milliseconds: one decimal under 100 ms, whole and grouped above. */
    public static String millis(double ms) {
        return ms < 100
            ? String.format(Locale.ROOT, "%.1f ms", ms)
            : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** A count or plain number: whole numbers grouped, others with up to two decimals. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Seconds of a run: {@code 20 s}, {@code 20.5 s}. */
    public static String second(double seconds) {
        return seconds == Math.rint(seconds)
            ? String.format(Locale.ROOT, "%d s", (long) seconds)
            : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** Length between two ISO-8601 instants, in seconds; null when either is missing or unreadable. */
    public static Double secondsBetween(String fromIso, String toIso) {
        Instant from = instant(fromIso);
        Instant to = instant(toIso);
        return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
    }

    public static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "none" for a run without a weakness, so no report prints "null". */
    public static String weakness(String weakness) {
        return weakness == null || weakness.isBlank() ? "none" : weakness;
    }

    public static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    /**
     * What was redacted, as every report says it: {@code 2 values redacted (1 auth-token, 1 webhook-url)}, or null when
     * the outcome does not say (it was not redacted) or nothing was.
     */
    public static String redactions(Map<String, Integer> counts) {
        if (counts == null || counts.isEmpty()) {
            return null;
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder out = new StringBuilder().append(count(total)).append(total == 1 ? " value" : " values")
            .append(" redacted (");
        counts.forEach((kind, n) -> out.append(count(n)).append(' ').append(kind).append(", "));
        out.setLength(out.length() - 2);
        return out.append("); the values are written nowhere, and logs and history are scrubbed of them before the "
            + "manifest seals the run").toString();
    }
}
