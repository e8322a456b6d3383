package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.audit.source.RecordBatches;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.tokenlog.LogRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays the log from offset 0 and verifies every record, checking one signature per run
 * ({@code RunVerifier}) or every signature ({@code ChainVerifier}) as {@link Signatures}
 * says, stopping at the first break.
 *
 * <p>Signature checks dominate the cost, so batches are decoded and verified on several
 * threads, each from the head its first record claims to follow. Results are then taken
 * in log order and each batch's claimed start must equal the previous batch's verified
 * end; when it does not, the batch is checked again from the real head. The signing keys are
 * part of that start: a batch is checked with the keys as they stood when it was handed out,
 * and checked again when a rotation in an earlier batch still in flight moved them on (rare:
 * one rotation costs at most a window of re-checks). The verdict is therefore exactly the
 * sequential one: same first break, same offset, same reason.
 */
public final class LogReplay {

    private final TrustedKeys keys;
    private final int threads;
    private final Signatures signatures;

    public LogReplay(TrustedKeys keys, int threads, Signatures signatures) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.keys = keys;
        this.threads = threads;
        this.signatures = signatures;
    }

    public ReplayOutcome run(RecordBatches log, ReplayListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, LogReplay::daemon);
        try {
            return replay(log, listener, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private ReplayOutcome replay(RecordBatches log, ReplayListener listener, ExecutorService pool) {
        // A bounded window of batches in flight keeps memory flat however long the log is.
        ArrayDeque<Future<ChunkCheck>> inFlight = new ArrayDeque<>();
        int window = threads * 2;
        Progress progress = new Progress(keys);
        List<LogRecord> batch;
        while (!(batch = log.next()).isEmpty()) {
            List<LogRecord> raw = batch;
            TrustedKeys assumed = progress.keys();
            inFlight.add(pool.submit(() -> check(signatures, raw, assumed)));
            if (inFlight.size() >= window) {
                progress = progress.then(take(inFlight), listener, log.endOffset());
                if (progress.failed()) {
                    return progress.outcome(log.endOffset());
                }
            }
        }
        while (!inFlight.isEmpty()) {
            progress = progress.then(take(inFlight), listener, log.endOffset());
            if (progress.failed()) {
                return progress.outcome(log.endOffset());
            }
        }
        return progress.outcome(log.endOffset());
    }

    private static ChunkCheck check(Signatures signatures, List<LogRecord> raw, TrustedKeys assumed) {
        List<DecodedRecord> decoded = new ArrayList<>(raw.size());
        for (LogRecord record : raw) {
            decoded.add(record.decode());
        }
        return ChunkCheck.from(signatures, ChunkCheck.claimedStart(decoded.get(0)), assumed, decoded);
    }

    private static ChunkCheck take(ArrayDeque<Future<ChunkCheck>> inFlight) {
        try {
            return inFlight.remove().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verifying a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "audit-verify");
        thread.setDaemon(true);
        return thread;
    }
}
