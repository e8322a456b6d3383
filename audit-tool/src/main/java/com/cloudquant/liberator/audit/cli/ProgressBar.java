package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import java.io.PrintWriter;

/** A one-line progress bar redrawn in place on stderr, at most a few times a second. */
final class ProgressBar implements ReplayListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private long lastDrawn;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void verified(DecodedRecord record) {
        // progress() carries everything the bar needs
    }

    @Override
    public void progress(long offset, long endOffset) {
        long now = System.nanoTime();
        if (drawn && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        double done = endOffset == 0 ? 1 : Math.min(1, (offset + 1) / (double) endOffset);
        int filled = (int) (done * WIDTH);
        err.printf("\rverifying [%s%s] %3d%%  offset %,d of %,d", "#".repeat(filled), ".".repeat(WIDTH - filled),
                (int) (done * 100), offset + 1, endOffset);
        err.flush();
    }

    /** Clears the bar so the report starts on a clean line. */
    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
        }
    }
}
