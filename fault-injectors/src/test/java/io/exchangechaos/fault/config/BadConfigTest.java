package io.exchangechaos.fault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BadConfigTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String GOOD = ConfigServiceFixture.GOOD_CONFIG;

    @Test
    void malformed_does_not_parse() {
        String bad = BadConfig.MALFORMED.from(GOOD);
        assertThat(GOOD).startsWith(bad);
        assertThatThrownBy(() -> MAPPER.readTree(bad)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void semantic_has_a_zero_price_band_and_an_unknown_symbol() throws Exception {
        JsonNode bad = MAPPER.readTree(BadConfig.SEMANTIC.from(GOOD));
        assertThat(bad.path("symbols").findValues("priceBandPercent")).allSatisfy(v -> assertThat(v.asDouble()).isZero());
        assertThat(bad.path("symbols").findValuesAsText("symbol")).containsExactly("BTC-USD", "ETH-USD", "DOGE-USD");
        assertThat(bad.path("features")).isEqualTo(MAPPER.readTree(GOOD).path("features"));
    }

    @Test
    void oversized_grows_the_features_to_400_distinct_entries() throws Exception {
        JsonNode bad = MAPPER.readTree(BadConfig.OVERSIZED.from(GOOD));
        assertThat(bad.path("features")).hasSize(400);
        assertThat(bad.path("features").findValuesAsText("name")).doesNotHaveDuplicates()
            .startsWith("feature-001", "feature-002", "feature-003");
    }

    @Test
    void latent_differs_from_the_good_config_only_in_metadata_format() throws Exception {
        JsonNode bad = MAPPER.readTree(BadConfig.LATENT.from(GOOD));
        com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(GOOD);
        expected.put("metadataFormat", 2);
        assertThat(bad).isEqualTo(expected);
    }

    @Test
    void a_bad_config_needs_a_good_one_to_start_from() {
        assertThatThrownBy(() -> BadConfig.LATENT.from("{\"symbols\": ["))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the good config does not parse (")
            .hasMessageEndingWith("); a bad config is built from a good one, so fix or roll back the current config first");
    }
}
