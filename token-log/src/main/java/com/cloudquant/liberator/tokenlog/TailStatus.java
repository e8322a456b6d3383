package com.cloudquant.liberator.tokenlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How current a tailing reader is, and whether it can be trusted at all. "Fresh as of t"
 * means: at time t the broker said the log ends at its high watermark h, and the reader has
 * since applied everything before h, so no revocation committed before t can be missing.
 * A reader stuck behind someone's open transaction never reaches h, so it grows stale and
 * fails closed instead of looking current. Time is the monotonic clock ({@link System#nanoTime}):
 * a wall clock stepped back (NTP, a resumed VM) must not make an old view look fresh. Written by
 * the reader thread only; read by any.
 */
public final class TailStatus {

    private static final Logger LOG = LoggerFactory.getLogger(TailStatus.class);

    private final long startedAt = System.nanoTime();
    private volatile long startTarget = -1;
    private volatile boolean caughtUp;
    private volatile boolean readerAlive = true;
    private volatile ChainHalt halt;
    /** Until the first check succeeds the topic is not known to be fit: ready needs a check. */
    private volatile List<String> topicProblems = List.of("the token topic has not been checked yet (Kafka not answering?)");
    /** {@link System#nanoTime} of the newest look-up whose high watermark has been reached; 0 = none yet. */
    private volatile long freshAsOf;
    private volatile long lag;
    private volatile long position;
    private volatile long endLookups;
    private long latestEnd = -1;
    private long pendingEnd = -1;
    private long pendingAt;
    private boolean pending;

    TailStatus() {
    }

    /** Why a reader is not current, for a 503 and a readiness detail. */
    public record NotCurrent(String reason, String message) {
    }

    // --- written by the reader thread ---

    /** The broker said, at {@code atNanos} ({@link System#nanoTime}), that the log ends at {@code highWatermark}. */
    void highWatermarkSeen(long highWatermark, long atNanos) {
        if (startTarget < 0) {
            startTarget = highWatermark;
            LOG.info("event=start_target high_watermark={}", highWatermark);
        }
        latestEnd = highWatermark;
        if (!pending) {
            pendingEnd = highWatermark;
            pendingAt = atNanos;
            pending = true;
        }
    }

    void endLookedUp() {
        endLookups++; // one writer: the reader thread
    }

    void positionReached(long reached) {
        position = reached;
        if (latestEnd >= 0) {
            lag = Math.max(0, latestEnd - reached);
        }
        if (!caughtUp && startTarget >= 0 && reached >= startTarget) {
            caughtUp = true;
            LOG.info("event=caught_up position={} start_target={}", reached, startTarget);
        }
        if (pending && reached >= pendingEnd) {
            freshAsOf = pendingAt;
            pending = false;
        }
    }

    void halted(ChainHalt reason) {
        halt = reason;
    }

    void readerStopped() {
        readerAlive = false;
    }

    void topicProblems(List<String> problems) {
        topicProblems = List.copyOf(problems);
    }

    // --- read by anyone ---

    /** Whether the reader has read the log as it stood at start, is alive, not halted, and the topic is sound. */
    public boolean isReady() {
        return caughtUp && readerAlive && halt == null && topicProblems.isEmpty();
    }

    /** Whether the log as it stood at start-up has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean readerAlive() {
        return readerAlive;
    }

    public Optional<ChainHalt> halt() {
        return Optional.ofNullable(halt);
    }

    public List<String> topicProblems() {
        return topicProblems;
    }

    /** Records known to exist (up to the high watermark) but not applied yet, as of the last look-up. */
    public long lag() {
        return lag;
    }

    /** High-watermark look-ups made so far: waiting requests share them, so a flood does not multiply them. */
    public long endLookups() {
        return endLookups;
    }

    /** The next offset to read. */
    public long position() {
        return position;
    }

    /** How old the newest complete view of the log is (since start-up, if there is none yet). */
    public Duration staleness() {
        long fresh = freshAsOf;
        return Duration.ofNanos(Math.max(0, System.nanoTime() - (fresh == 0 ? startedAt : fresh)));
    }

    /**
     * Empty when the reader can be trusted to know every revocation committed more than
     * {@code maxStaleness} ago; otherwise why not, with the fix. {@code maxStaleness} zero
     * means staleness alone never makes it not current.
     */
    public Optional<NotCurrent> whyNotCurrent(Duration maxStaleness) {
        ChainHalt stopped = halt;
        if (stopped != null) {
            return Optional.of(new NotCurrent("log_halted", stopped.describe()));
        }
        if (!readerAlive) {
            return Optional.of(new NotCurrent("reader_stopped", "the token log reader stopped on an unexpected error,"
                    + " so revocations can no longer arrive: restart this replica (its log says why)"));
        }
        List<String> problems = topicProblems;
        if (!problems.isEmpty()) {
            return Optional.of(new NotCurrent("topic_unusable", "the token topic cannot hold the audit log: "
                    + String.join("; ", problems)));
        }
        if (!caughtUp) {
            return Optional.of(new NotCurrent("not_caught_up", "still reading the token log; retry in a few seconds"));
        }
        Duration staleness = staleness();
        if (!maxStaleness.isZero() && staleness.compareTo(maxStaleness) > 0) {
            return Optional.of(new NotCurrent("stale", "this replica could not confirm for " + staleness.toMillis()
                    + " ms (over max-staleness " + maxStaleness.toMillis() + " ms) that it has read the token log to its"
                    + " end, so revocations may be missing: Kafka is unreachable, or a producer holds a transaction"
                    + " open on the topic (lag " + lag + " records); refusing until it can"));
        }
        return Optional.empty();
    }
}
