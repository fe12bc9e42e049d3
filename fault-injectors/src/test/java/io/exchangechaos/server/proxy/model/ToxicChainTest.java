package io.exchangechaos.server.proxy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicChainTest {
    private static Toxic toxic(String name, ToxicStream direction) {
        return new Toxic(name, ToxicType.LATENCY, direction, 1f, Map.of("latency", 10L));
    }

    @Test
    void lists_upstream_first_each_in_insertion_order() {
        ToxicChain chain = ToxicChain.EMPTY
                .with(toxic("d1", ToxicStream.DOWNSTREAM))
                .with(toxic("u1", ToxicStream.UPSTREAM))
                .with(toxic("d2", ToxicStream.DOWNSTREAM));

        assertThat(chain.all()).extracting(Toxic::name).containsExactly("u1", "d1", "d2");
        assertThat(chain.forDirection(ToxicStream.DOWNSTREAM)).extracting(Toxic::name).containsExactly("d1", "d2");
    }

    @Test
    void names_are_unique_across_directions() {
        ToxicChain chain = ToxicChain.EMPTY.with(toxic("x", ToxicStream.UPSTREAM));
        assertThatThrownBy(() -> chain.with(toxic("x", ToxicStream.DOWNSTREAM))).hasMessage("toxic [x] already exists");
    }

    @Test
    void replacing_keeps_the_position_and_without_removes() {
        ToxicChain chain = ToxicChain.EMPTY.with(toxic("a", ToxicStream.DOWNSTREAM)).with(toxic("b", ToxicStream.DOWNSTREAM));

        ToxicChain replaced = chain.replacing(toxic("a", ToxicStream.DOWNSTREAM).withAttributes(Map.of("jitter", 5L)));

        assertThat(replaced.downstream()).extracting(Toxic::name).containsExactly("a", "b");
        assertThat(replaced.find("a").orElseThrow().attribute("jitter")).isEqualTo(5);
        assertThat(replaced.without("a").all()).extracting(Toxic::name).containsExactly("b");
        assertThat(chain.find("a").orElseThrow().attribute("jitter")).isZero(); // the original is untouched
    }

    @Test
    void a_toxic_always_carries_every_attribute_of_its_type_and_nothing_else() {
        Toxic slicer = new Toxic("s", ToxicType.SLICER, ToxicStream.UPSTREAM, 1f, Map.of("delay", 3L, "bogus", 1L));
        assertThat(slicer.attributes()).containsExactly(
                Map.entry("average_size", 0L), Map.entry("size_variation", 0L), Map.entry("delay", 3L));
    }
}
