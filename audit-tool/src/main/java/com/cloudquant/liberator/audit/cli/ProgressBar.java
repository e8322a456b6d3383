package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place on stderr, at most five times a second: how far,
 * how fast (records per second since the first batch) and how long the rest should take at
 * that pace. Only ever drawn on a terminal; {@link AuditCommand} decides.
 */
final class ProgressBar implements ReplayListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long startedAt;
    private long startOffset;
    private long lastDrawn;
    private int drawnLength;
    private boolean started;

    ProgressBar(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public void verified(DecodedRecord record) {
        // progress() carries everything the bar needs
    }

    @Override
    public void progress(long offset, long endOffset) {
        long now = nanoTime.getAsLong();
        if (!started) {
            // the pace is measured from the first batch: JVM start and connecting are not reading
            started = true;
            startedAt = now;
            startOffset = offset;
            lastDrawn = now;
            draw(line(offset, endOffset, now));
            return;
        }
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw(line(offset, endOffset, now));
        }
    }

    private String line(long offset, long endOffset, long now) {
        double done = endOffset == 0 ? 1 : Math.min(1, (offset + 1) / (double) endOffset);
        int filled = (int) (done * WIDTH);
        String bar = String.format("verifying [%s%s] %3d%%  %,d of %,d", "#".repeat(filled),
                ".".repeat(WIDTH - filled), (int) (done * 100), offset + 1, endOffset);
        double seconds = (now - startedAt) / 1e9;
        if (seconds < 0.1 || offset <= startOffset) {
            return bar;
        }
        double perSecond = (offset - startOffset) / seconds;
        long remaining = Math.max(0, endOffset - offset - 1);
        return String.format("%s  %,.0f records/s  ETA %s", bar, perSecond, eta(remaining / perSecond));
    }

    static String eta(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private void draw(String line) {
        // pad over whatever a longer earlier line left on the terminal
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        drawnLength = line.length();
        err.flush();
    }

    /** Clears the bar so the report starts on a clean line. */
    void finish() {
        if (started) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
        }
    }
}
