package io.exchangechaos.core.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one spelling of durations in definition files: {@code 500ms}, {@code 90s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    /** The fix printed after a value that is not a duration. */
    public static final String HOW_TO_WRITE = "write a number and a unit: 500ms, 90s, 2m or 1.5s";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses a non-negative duration with a unit; empty if {@code text} is not one (no unit, a sign, a space…). */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal millisPerUnit = switch (m.group(2)) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1_000);
            case "m" -> BigDecimal.valueOf(60_000);
            default -> BigDecimal.valueOf(3_600_000);
        };
        BigDecimal millis = amount.multiply(millisPerUnit);
        if (millis.stripTrailingZeros().scale() > 0) {
            return Optional.empty(); // finer than a millisecond
        }
        if (millis.compareTo(LONGEST_MILLIS) > 0) {
            return Optional.empty(); // past any run, and sums of such would overflow
        }
        return Optional.of(Duration.ofMillis(millis.longValueExact()));
    }

    /** About 31 years: longer is not a duration a run can have (found by the loader's fuzz target). */
    private static final BigDecimal LONGEST_MILLIS = BigDecimal.valueOf(1_000_000_000_000L);

    /** The shortest exact spelling: {@code 1m}, {@code 90s}, {@code 1500ms}; parses back to the same duration. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 0) {
            return "-" + format(duration.negated());
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
