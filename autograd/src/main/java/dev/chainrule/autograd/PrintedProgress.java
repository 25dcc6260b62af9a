package dev.chainrule.autograd;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** {@link GradCheck.Progress#printingTo}: one line a second at most, silent for checks under a second. */
final class PrintedProgress implements GradCheck.Progress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final PrintStream out;
    private final LongSupplier clock;
    private long start;
    private long lastPrint;
    private boolean printed;

    /** Prints to {@code out}, reading the time from {@code clock} (nanoseconds, as {@link System#nanoTime}). */
    PrintedProgress(PrintStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void update(long done, long total) {
        long now = clock.getAsLong();
        if (done == 0) {
            start = now;
            lastPrint = now;
            printed = false;
            return;
        }
        if (now - lastPrint < INTERVAL_NANOS && !(done == total && printed)) return;
        double seconds = (now - start) / 1e9;
        double left = seconds / done * (total - done);
        out.println(String.format(Locale.ROOT, "gradCheck: %,d of %,d done (%d%%), %.1f s so far, about"
                + " %.1f s left", done, total, 100 * done / Math.max(1, total), seconds, left));
        lastPrint = now;
        printed = true;
    }
}
