package io.exchangechaos.server.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangechaos.server.proxy.model.Toxic;
import io.exchangechaos.server.proxy.model.ToxicStream;
import io.exchangechaos.server.proxy.model.ToxicType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each toxic's behaviour on a manual clock: exact timings, no sockets. */
class ToxicStagesTest {
    private static final long MS = 1_000_000L;
    private final FakeStageContext ctx = new FakeStageContext();

    private ToxicStage stage(ToxicType type, Map<String, Long> attributes) {
        ToxicStage stage = Stages.create(type, ctx);
        stage.configure(new Toxic("t", type, ToxicStream.DOWNSTREAM, 1f, attributes));
        stage.start();
        return stage;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void latency_releases_each_chunk_after_the_latency_in_order() {
        ToxicStage latency = stage(ToxicType.LATENCY, Map.of("latency", 100L));
        latency.onData(ctx.chunk(new byte[] {1}));
        ctx.advanceMillis(30);
        latency.onData(ctx.chunk(new byte[] {2}));
        latency.onEof(false);

        ctx.advanceMillis(69);
        assertThat(ctx.emitted).isEmpty();
        ctx.advanceMillis(1);
        assertThat(ctx.emitted).extracting(FakeStageContext.Emitted::atNanos).containsExactly(100 * MS);
        ctx.advanceMillis(30);
        assertThat(ctx.emitted).extracting(FakeStageContext.Emitted::atNanos).containsExactly(100 * MS, 130 * MS);
        assertThat(ctx.eof).isFalse();
        assertThat(ctx.eofAt).isEqualTo(130 * MS);
    }

    @Test
    void jitter_stays_within_latency_plus_or_minus_jitter_and_spans_it() {
        ToxicStage latency = stage(ToxicType.LATENCY, Map.of("latency", 100L, "jitter", 20L));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
            long sent = ctx.now;
            latency.onData(ctx.chunk(new byte[] {(byte) i}));
            ctx.advanceMillis(200); // one at a time, so ordering never stretches a delay
            long delay = ctx.emitted.get(i).atNanos() - sent;
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isGreaterThanOrEqualTo(80 * MS).isLessThan(82 * MS);
        assertThat(max).isLessThanOrEqualTo(120 * MS).isGreaterThan(118 * MS);
    }

    @Test
    void jitter_never_reorders_a_stream() {
        ToxicStage latency = stage(ToxicType.LATENCY, Map.of("latency", 50L, "jitter", 50L));
        for (int i = 0; i < 100; i++) {
            latency.onData(ctx.chunk(new byte[] {(byte) i}));
            ctx.advanceMillis(1);
        }
        ctx.advanceMillis(200);
        assertThat(ctx.emittedBytes()).isEqualTo(bytes(100));
    }

    @Test
    void bandwidth_sends_100_kb_at_50_kb_per_second_in_100_ms_slots() {
        ToxicStage bandwidth = stage(ToxicType.BANDWIDTH, Map.of("rate", 50L));
        bandwidth.onData(ctx.chunk(bytes(100_000)));
        bandwidth.onEof(false);

        ctx.advanceMillis(3_000);

        assertThat(ctx.emitted).hasSize(20).allSatisfy(e -> assertThat(e.data()).hasSize(5_000));
        assertThat(ctx.emitted.get(0).atNanos()).isEqualTo(100 * MS);
        assertThat(ctx.emitted.get(19).atNanos()).isEqualTo(2_000 * MS);
        assertThat(ctx.emittedBytes()).isEqualTo(bytes(100_000));
        assertThat(ctx.eofAt).isEqualTo(2_000 * MS);
    }

    @Test
    void bandwidth_rate_0_passes_nothing_until_the_rate_changes() {
        ToxicStage bandwidth = stage(ToxicType.BANDWIDTH, Map.of("rate", 0L));
        bandwidth.onData(ctx.chunk(bytes(10)));
        ctx.advanceMillis(60_000);
        assertThat(ctx.emitted).isEmpty();

        bandwidth.configure(new Toxic("t", ToxicType.BANDWIDTH, ToxicStream.DOWNSTREAM, 1f, Map.of("rate", 1L)));
        bandwidth.reconfigured();
        ctx.advanceMillis(10);

        assertThat(ctx.emittedBytes()).isEqualTo(bytes(10));
    }

    @Test
    void removing_a_holding_toxic_passes_on_everything_it_held() {
        ToxicStage bandwidth = stage(ToxicType.BANDWIDTH, Map.of("rate", 0L));
        bandwidth.onData(ctx.chunk(bytes(10)));
        bandwidth.onEof(false);

        bandwidth.stop(true);

        assertThat(ctx.emittedBytes()).isEqualTo(bytes(10));
        assertThat(ctx.eof).isFalse();
    }

    @Test
    void slicer_cuts_pieces_around_the_average_with_delay_between_them() {
        ToxicStage slicer = stage(ToxicType.SLICER, Map.of("average_size", 100L, "size_variation", 20L, "delay", 1_000L));
        slicer.onData(ctx.chunk(bytes(1_000)));
        ctx.advanceMillis(100);

        assertThat(ctx.emittedBytes()).isEqualTo(bytes(1_000));
        assertThat(ctx.emitted.subList(0, ctx.emitted.size() - 1))
                .allSatisfy(e -> assertThat(e.data().length).isBetween(80, 120));
        for (int i = 1; i < ctx.emitted.size(); i++) {
            assertThat(ctx.emitted.get(i).atNanos() - ctx.emitted.get(i - 1).atNanos()).isEqualTo(MS);
        }
    }

    @Test
    void slow_close_passes_data_at_once_and_the_close_after_the_delay() {
        ToxicStage slowClose = stage(ToxicType.SLOW_CLOSE, Map.of("delay", 250L));
        slowClose.onData(ctx.chunk(bytes(3)));
        slowClose.onEof(false);
        assertThat(ctx.emitted).hasSize(1);
        ctx.advanceMillis(249);
        assertThat(ctx.eof).isNull();
        ctx.advanceMillis(1);
        assertThat(ctx.eof).isFalse();
    }

    @Test
    void timeout_drops_data_and_closes_once_idle_for_the_timeout() {
        ToxicStage timeout = stage(ToxicType.TIMEOUT, Map.of("timeout", 100L));
        ctx.advanceMillis(60);
        timeout.onData(ctx.chunk(bytes(7))); // restarts the clock, as Toxiproxy does
        ctx.advanceMillis(99);
        assertThat(ctx.eof).isNull();
        ctx.advanceMillis(1);

        assertThat(ctx.eof).isTrue();
        assertThat(ctx.eofAt).isEqualTo(160 * MS);
        assertThat(ctx.emitted).isEmpty();
        assertThat(ctx.released).isEqualTo(7);
    }

    @Test
    void timeout_0_holds_forever_and_closes_when_removed() {
        ToxicStage timeout = stage(ToxicType.TIMEOUT, Map.of("timeout", 0L));
        timeout.onData(ctx.chunk(bytes(7)));
        ctx.advanceMillis(3_600_000);
        assertThat(ctx.eof).isNull();

        timeout.stop(true);

        assertThat(ctx.eof).isTrue();
    }

    @Test
    void reset_peer_resets_after_the_timeout_from_the_first_data() {
        ToxicStage reset = stage(ToxicType.RESET_PEER, Map.of("timeout", 50L));
        ctx.advanceMillis(500);
        assertThat(ctx.resetAt).isEqualTo(-1);

        reset.onData(ctx.chunk(bytes(2)));
        ctx.advanceMillis(20);
        reset.onData(ctx.chunk(bytes(2)));
        ctx.advanceMillis(100);

        assertThat(ctx.resetAt).isEqualTo(550 * MS);
        assertThat(ctx.emitted).isEmpty();
    }

    @Test
    void limit_data_passes_exactly_the_limit_then_closes() {
        ToxicStage limit = stage(ToxicType.LIMIT_DATA, Map.of("bytes", 10L));
        limit.onData(ctx.chunk(bytes(4)));
        limit.onData(ctx.chunk(bytes(4)));
        assertThat(ctx.eof).isNull();
        limit.onData(ctx.chunk(bytes(4)));

        assertThat(ctx.emitted).extracting(e -> e.data().length).containsExactly(4, 4, 2);
        assertThat(ctx.eof).isTrue();
        assertThat(ctx.released).isEqualTo(2);
    }

    @Test
    void limit_data_0_closes_at_the_first_data() {
        ToxicStage limit = stage(ToxicType.LIMIT_DATA, Map.of("bytes", 0L));
        limit.onData(ctx.chunk(bytes(4)));
        assertThat(ctx.emitted).isEmpty();
        assertThat(ctx.eof).isTrue();
        assertThat(ctx.released).isEqualTo(4);
    }
}
