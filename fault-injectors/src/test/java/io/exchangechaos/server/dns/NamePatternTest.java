package io.exchangechaos.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamePatternTest {

    @Test
    void exactPatternMatchesOnlyThatNameWhateverTheCaseOrTrailingDot() {
        NamePattern pattern = NamePattern.parse("Engine.R1.exchange.test.").orElseThrow();

        assertThat(pattern.text()).isEqualTo("engine.r1.exchange.test");
        assertThat(pattern.matches("engine.r1.exchange.test")).isTrue();
        assertThat(pattern.matches("engine.r2.exchange.test")).isFalse();
        assertThat(pattern.matches("api.engine.r1.exchange.test")).isFalse();
        assertThat(pattern.matches("xengine.r1.exchange.test")).isFalse();
    }

    @Test
    void starMatchesWithinOneLabelOnly() {
        NamePattern pattern = NamePattern.parse("engine.*.exchange.test").orElseThrow();

        assertThat(pattern.matches("engine.r1.exchange.test")).isTrue();
        assertThat(pattern.matches("engine.r2.exchange.test")).isTrue();
        assertThat(pattern.matches("engine.r1.extra.exchange.test")).isFalse();
        assertThat(pattern.matches("gateway.r1.exchange.test")).isFalse();
        assertThat(pattern.matches("engine.exchange.test")).isFalse();
    }

    @Test
    void starInsideALabelMatchesAnyRunOfCharacters() {
        NamePattern pattern = NamePattern.parse("engine-*.exchange.test").orElseThrow();

        assertThat(pattern.matches("engine-r1.exchange.test")).isTrue();
        assertThat(pattern.matches("engine-.exchange.test")).isTrue();
        assertThat(pattern.matches("engine.exchange.test")).isFalse();
    }

    @Test
    void doubleStarLabelMatchesOneOrMoreLabels() {
        NamePattern pattern = NamePattern.parse("**.r1.exchange.test").orElseThrow();

        assertThat(pattern.matches("engine.r1.exchange.test")).isTrue();
        assertThat(pattern.matches("a.b.r1.exchange.test")).isTrue();
        assertThat(pattern.matches("r1.exchange.test")).isFalse();
        assertThat(pattern.matches("engine.r2.exchange.test")).isFalse();
    }

    @Test
    void regexCharactersInAPatternAreLiteral() {
        assertThat(NamePattern.parse("a+b.exchange.test")).isEmpty();
        NamePattern pattern = NamePattern.parse("a_b.exchange.test").orElseThrow();
        assertThat(pattern.matches("a_b.exchange.test")).isTrue();
        assertThat(pattern.matches("aab.exchange.test")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b.exchange.test", "engine r1.exchange.test", "en**gine.exchange.test", "a+b.test"})
    void rejectsWhatIsNeitherANameNorAGlob(String text) {
        assertThat(NamePattern.parse(text)).isEmpty();
    }
}
