package io.exchangechaos.core.load;

import io.exchangechaos.core.history.Operation;
import io.exchangechaos.core.history.Outcome;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Rolling figures for progress lines and abort conditions: counts and a latency recorder per interval. */
public final class LiveStats {
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final AtomicLong lastOk = new AtomicLong();
    private final AtomicLong lastFailed = new AtomicLong();
    private final AtomicLong lastUnknown = new AtomicLong();
    private final Recorder latency = new Recorder(3);

    void record(Operation op) {
        (op.outcome() == Outcome.OK ? ok : op.outcome() == Outcome.FAIL ? failed : unknown).increment();
        latency.recordValue(Math.max(0, op.latencyMicros()));
    }

    /** Figures since the previous call. */
    public synchronized Interval interval() {
        long o = ok.sum();
        long f = failed.sum();
        long u = unknown.sum();
        Interval i = new Interval(o - lastOk.getAndSet(o), f - lastFailed.getAndSet(f), u - lastUnknown.getAndSet(u),
            latency.getIntervalHistogram().getValueAtPercentile(99) / 1000.0);
        return i;
    }

    public long total() {
        return ok.sum() + failed.sum() + unknown.sum();
    }

    public record Interval(long ok, long failed, long unknown, double p99Millis) {
        public long total() {
            return ok + failed + unknown;
        }

        public double errorRatio() {
            return total() == 0 ? 0 : (double) (failed + unknown) / total();
        }
    }
}
