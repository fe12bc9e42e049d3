package io.exchangechaos.cli;

import io.exchangechaos.core.run.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Live progress of a run. On a terminal the status line (phase, elapsed/remaining, ok/s, errors/s, rolling p99, the
 * faults active now) is redrawn in place; elsewhere (CI logs) it is printed as a plain line every
 * {@code plainEveryMillis}. Stages and fault events always get their own line, stamped with the time since start.
 */
final class LiveProgress implements ProgressListener {
    private static final String CLEAR_LINE = "\r\033[2K";
    /** The rolling p99 is over this many one-second ticks. */
    private static final int P99_WINDOW = 5;

    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryMillis;
    private final int width;
    private final LongSupplier clockMillis;
    private final BooleanSupplier paused;
    private final long startMillis;
    private final double[] p99s = new double[P99_WINDOW];
    private int ticks;
    private long lastPlainMillis = Long.MIN_VALUE;
    private boolean statusShown;

    LiveProgress(PrintStream out, boolean terminal, long plainEveryMillis, int width, LongSupplier clockMillis,
                 BooleanSupplier paused) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryMillis = plainEveryMillis;
        this.width = width;
        this.clockMillis = clockMillis;
        this.paused = paused;
        this.startMillis = clockMillis.getAsLong();
    }

    /** For {@code run}: redrawn on a terminal, a line every 5 s elsewhere. */
    static LiveProgress forRun(Io io) {
        return new LiveProgress(io.out(), io.terminal(), 5_000, terminalWidth(), System::currentTimeMillis, () -> false);
    }

    /** For {@code gameday}: the operator types while it runs, so plain lines only, every 10 s, none while a prompt waits. */
    static LiveProgress forGameday(Io io, BooleanSupplier prompting) {
        return new LiveProgress(io.out(), false, 10_000, terminalWidth(), System::currentTimeMillis, prompting);
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim()));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    @Override
    public synchronized void stage(String stage) {
        line("== " + stage);
    }

    @Override
    public synchronized void event(String message) {
        line("   " + message.replace("\n", "\n   "));
    }

    @Override
    public synchronized void tick(Tick t) {
        p99s[ticks++ % P99_WINDOW] = t.p99Millis();
        if (paused.getAsBoolean()) {
            return;
        }
        String status = status(t, rollingP99());
        if (terminal) {
            String shown = status.length() > width - 1 ? status.substring(0, width - 2) + "…" : status;
            out.print(CLEAR_LINE + shown);
            out.flush();
            statusShown = true;
        } else {
            long now = clockMillis.getAsLong();
            if (lastPlainMillis == Long.MIN_VALUE || now - lastPlainMillis >= plainEveryMillis) {
                lastPlainMillis = now;
                out.println(stamp() + " " + status);
                out.flush();
            }
        }
    }

    /** Ends the status line so what follows starts on a line of its own. */
    synchronized void finish() {
        if (statusShown) {
            out.println();
            statusShown = false;
        }
    }

    private double rollingP99() {
        double max = 0;
        for (int i = 0; i < Math.min(ticks, P99_WINDOW); i++) {
            max = Math.max(max, p99s[i]);
        }
        return max;
    }

    static String status(Tick t, double rollingP99) {
        return String.format(Locale.ROOT, "%-8s %4.0fs elapsed, %4.0fs left | ok %5d/s | errors %4d/s | p99 %s | faults: %s",
            t.phase(), t.elapsedSeconds(), t.remainingSeconds(), t.okPerSecond(), t.errorsPerSecond(), millis(rollingP99),
            t.activeFaults().isEmpty() ? "none" : String.join("; ", t.activeFaults()));
    }

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private void line(String text) {
        if (statusShown) {
            out.print(CLEAR_LINE);
            statusShown = false;
        }
        out.println(stamp() + " " + text);
        out.flush();
    }

    private String stamp() {
        long s = (clockMillis.getAsLong() - startMillis) / 1000;
        return String.format(Locale.ROOT, "[%02d:%02d]", s / 60, s % 60);
    }
}
