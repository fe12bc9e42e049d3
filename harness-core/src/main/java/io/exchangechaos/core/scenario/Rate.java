package io.exchangechaos.core.scenario;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders started per second, written {@code 200/s}. */
public record Rate(double perSecond) {

    static final String HOW_TO_WRITE = "write orders per second with the unit, e.g. 200/s";
    private static final Pattern RATE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*/s");

    public static Rate perSecond(double perSecond) {
        return new Rate(perSecond);
    }

    static Optional<Rate> parse(String text) {
        Matcher m = RATE.matcher(text.trim());
        return m.matches() ? Optional.of(new Rate(Double.parseDouble(m.group(1)))) : Optional.empty();
    }

    @Override
    public String toString() {
        return BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString() + "/s";
    }
}
