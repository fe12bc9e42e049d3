package io.exchangechaos.server.proxy.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** JSON written the way Go's {@code encoding/json} writes it, so the answers match Toxiproxy's byte for byte. */
final class GoJson {
    private GoJson() {
    }

    /** A mapper whose strings escape {@code < > &} and U+2028/U+2029 as Go does, with lower-case hex. */
    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
        factory.setCharacterEscapes(new HtmlSafe());
        return new ObjectMapper(factory);
    }

    /**
     * A float32 as Go writes it: the shortest decimal that reads back as the same float32, without exponent from
     * 1e-6 to 1e21 ({@code 1}, {@code 0.5}, {@code 100}), else as {@code 1e-7}, {@code 1.5e+21}.
     */
    static String float32(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            throw new IllegalArgumentException("no JSON for " + value);
        }
        if (value == 0) {
            return (Float.floatToRawIntBits(value) < 0) ? "-0" : "0";
        }
        BigDecimal shortest = shortest(value);
        float abs = Math.abs(value);
        if (abs >= 1e-6f && abs < 1e21f) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        // Go writes at least two exponent digits, then trims "e-07" to "e-7" (but keeps "e+07")
        out.append(e < 10 && exponent > 0 ? "0" : "").append(e);
        return out.toString();
    }

    private static BigDecimal shortest(float value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 10; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.floatValue() == value) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.stripTrailingZeros();
    }

    /** Go's {@code encoding/json} escapes HTML-significant characters and the JavaScript line separators. */
    private static final class HtmlSafe extends CharacterEscapes {
        private final int[] ascii;

        HtmlSafe() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
                default -> null;
            };
        }
    }
}
