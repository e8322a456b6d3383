package com.cloudquant.liberator.gateway.projection;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How current the projection is. "Fresh as of t" means: at time t the broker told us
 * where the log ended, and we have since applied everything up to there, so no
 * revocation committed before t can be missing. Written by the reader thread only.
 */
@Singleton
public final class ProjectionStatus {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionStatus.class);

    private final Instant startedAt;
    private volatile long startTarget = -1;
    private volatile boolean caughtUp;
    private volatile boolean readerAlive = true;
    private volatile Instant freshAsOf;
    private volatile long lag;
    private long latestEnd = -1;
    private long pendingEnd = -1;
    private Instant pendingAt;

    public ProjectionStatus(java.time.Clock clock) {
        this.startedAt = clock.instant();
    }

    /** The broker said, at {@code at}, that the log ends at {@code endOffset}. */
    public void endOffsetSeen(long endOffset, Instant at) {
        if (startTarget < 0) {
            startTarget = endOffset;
            LOG.info("event=start_target end_offset={}", endOffset);
        }
        latestEnd = endOffset;
        if (pendingAt == null) {
            pendingEnd = endOffset;
            pendingAt = at;
        }
    }

    /** Everything before {@code position} has been applied. */
    public void positionReached(long position) {
        if (latestEnd >= 0) {
            lag = Math.max(0, latestEnd - position);
        }
        if (!caughtUp && readerAlive && startTarget >= 0 && position >= startTarget) {
            caughtUp = true;
            LOG.info("event=caught_up position={} start_target={}", position, startTarget);
        }
        if (pendingAt != null && position >= pendingEnd) {
            freshAsOf = pendingAt;
            pendingAt = null;
        }
    }

    /**
     * The reader thread ended on an unexpected error: from now on revocations cannot arrive,
     * so the replica reports not ready and fails closed, whatever max-staleness says.
     */
    public void readerStopped() {
        caughtUp = false;
        readerAlive = false;
    }

    /** Whether the projection has read the log as it stood at start-up and is still reading it. */
    public boolean isReady() {
        return caughtUp && readerAlive;
    }

    /** Records known to exist but not yet applied, as of the last broker answer. */
    public long lag() {
        return lag;
    }

    /** How old the newest complete view of the log is (since start-up, if there is none yet). */
    public Duration staleness(Instant now) {
        Instant fresh = freshAsOf;
        Duration age = Duration.between(fresh == null ? startedAt : fresh, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
