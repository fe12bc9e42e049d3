package io.exchangechaos.server.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers and strings as Go's encoding/json writes them (a float32 field, a string with HTML characters). */
class GoJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0, 1", "0.5, 0.5", "0.1, 0.1", "0.25, 0.25", "0.0, 0", "-0.0, -0", "100.0, 100", "0.3333333, 0.3333333",
        "16777216.0, 16777216", "0.000001, 0.000001", "0.0000001, 1e-7", "0.00000015, 1.5e-7", "1.0E-10, 1e-10",
        "1.0E21, 1e+21", "3.4028235E38, 3.4028235e+38", "123456789.0, 123456790"})
    void float32AsGoWritesIt(float value, String json) {
        assertThat(GoJson.float32(value)).isEqualTo(json);
    }

    @Test
    void stringsEscapedAsGoEscapesThem() throws Exception {
        ObjectMapper go = GoJson.mapper();

        assertThat(go.writeValueAsString("<a&b>")).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
        assertThat(go.writeValueAsString("line\u2028sep\u2029")).isEqualTo("\"line\\u2028sep\\u2029\"");
        assertThat(go.writeValueAsString("tab\tnew\nline\b\f")).isEqualTo("\"tab\\tnew\\nline\\b\\f\"");
        assertThat(go.writeValueAsString("bell\u0007")).isEqualTo("\"bell\\u0007\"");
        assertThat(go.writeValueAsString("é/ü")).isEqualTo("\"é/ü\"");
    }
}
