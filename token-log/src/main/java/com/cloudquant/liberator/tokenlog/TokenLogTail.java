package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the token log from offset 0 for the life of a replica, on its own thread: reads
 * committed records, verifies them ({@link ChainFollower}), hands the accepted ones to a
 * {@link Listener}, and keeps {@link TailStatus} honest — current only up to the high
 * watermark, halted for good on a record that does not link or a log that was rewound or
 * replaced, not ready once the thread is gone, whatever killed it.
 *
 * <p>The first topic check and high-watermark look-up run beside the first reads
 * ({@link BesideCall}): at start-up they cost seconds of a cold Kafka client, and the replica
 * is not ready before both answered anyway ({@link TailStatus#isReady()} needs a checked topic
 * and a start target).
 *
 * <p>A caller who meets a token it does not know can ask {@link #awaitLogAsOfNow()} to wait
 * until the log has been read as it stood at that moment; every waiter that arrives before a
 * look-up shares it, so a flood of unknown tokens costs at most one look-up per loop turn.
 */
public final class TokenLogTail implements AutoCloseable {

    /** Receives what the log says, on the reader thread, in log order. */
    public interface Listener {
        /** Applies verified records (known and unknown event types) in log order. */
        void apply(List<DecodedRecord> accepted);

        /** An unauthenticated record was skipped. */
        default void skipped(ChainBreak skipped) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogTail.class);
    /** Short: a waiting first-use request is noticed within one poll. */
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration END_LOOKUP_EVERY = Duration.ofMillis(250);
    /** The topic's id is compared this often (a metadata look-up); its settings less often. */
    private static final Duration TOPIC_ID_CHECK_EVERY = Duration.ofSeconds(1);
    private static final Duration TOPIC_CHECK_EVERY = Duration.ofSeconds(30);

    private final TokenLogSettings settings;
    private final ChainFollower follower;
    private final Listener listener;
    private final TailStatus status;
    private final TopicIdentity topicIdentity;
    private final String threadName;
    private final Object waitersLock = new Object();
    private List<CompletableFuture<Boolean>> waiting = new ArrayList<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean lookupRequested;
    private Thread thread;
    // System.nanoTime of the last of each; a schedule on the monotonic clock, so a stepped wall clock cannot pause it
    private long lastLookup;
    private long lastTopicCheck;
    private long lastTopicIdCheck;
    private boolean everLookedUp;
    private boolean everCheckedTopic;
    private BesideCall<TopicCheck.Inspection> firstCheck;
    private BesideCall<End> firstEnd;
    private int rewindSightings;

    public TokenLogTail(TokenLogSettings settings, TrustedKeys trustedKeys, Listener listener, String threadName) {
        this.settings = settings;
        this.follower = new ChainFollower(trustedKeys, ChainHead.GENESIS);
        this.listener = listener;
        this.status = new TailStatus();
        this.topicIdentity = new TopicIdentity(settings.topic());
        this.threadName = threadName;
    }

    public TailStatus status() {
        return status;
    }

    public void start() {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
        LOG.info("event=reader_started topic={}", settings.topic());
    }

    /**
     * Completes with true once everything committed before this call has been read and
     * applied, false when the reader cannot get there (halted, stopped). Completes on the
     * reader thread: hop off it before doing real work. Callers bound the wait themselves.
     */
    public CompletableFuture<Boolean> awaitLogAsOfNow() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (!status.readerAlive() || status.halt().isPresent()) {
            done.complete(false);
            return done;
        }
        synchronized (waitersLock) {
            waiting.add(done);
        }
        lookupRequested = true;
        if (!status.readerAlive() || status.halt().isPresent()) {
            done.complete(false); // stopped while we registered: nobody would complete it
        }
        return done;
    }

    private void run() {
        boolean stoppedCleanly = false;
        try (Admin admin = Admin.create(settings.adminProperties());
             LogReader reader = LogReader.open(settings, 0)) {
            LogEnds ends = new LogEnds(admin, settings.topic(), settings.timeout());
            TopicCheck topicCheck = new TopicCheck(admin, settings);
            firstCheck = new BesideCall<>(topicCheck::inspect, threadName + "-topic-check", TOPIC_ID_CHECK_EVERY);
            firstEnd = new BesideCall<>(() -> {
                long askedAt = System.nanoTime();
                return new End(ends.highWatermark(), askedAt);
            }, threadName + "-end-lookup", END_LOOKUP_EVERY);
            while (running && status.halt().isEmpty()) {
                try {
                    turn(reader, ends, topicCheck);
                } catch (TokenLogUnavailableException e) {
                    // Kafka unreachable: keep serving what we know; staleness grows until it answers again
                    LOG.debug("event=broker_unreachable detail=\"{}\"", e.getMessage());
                } catch (TokenLogHaltedException e) {
                    halt(e.halt());
                }
            }
            stoppedCleanly = true;
        } catch (Throwable t) {
            // first the flag (no allocation: an OutOfMemoryError may be why we are here), then the log
            status.readerStopped();
            failWaiters();
            LOG.error("event=reader_stopped reason=\"{}\" action=fail_closed", t.toString(), t);
            if (t instanceof Error error && !(t instanceof OutOfMemoryError)) {
                throw error;
            }
        } finally {
            if (!stoppedCleanly || running) {
                status.readerStopped();
            }
            failWaiters();
        }
    }

    private void turn(LogReader reader, LogEnds ends, TopicCheck topicCheck) {
        long started = System.nanoTime();
        // a topic found unusable is looked at again soon: it may just not have been created yet
        Duration settingsEvery = status.topicProblems().isEmpty() ? TOPIC_CHECK_EVERY : TOPIC_ID_CHECK_EVERY;
        if (!everCheckedTopic) {
            Optional<TopicCheck.Inspection> first = firstCheck.answer();
            if (first.isPresent()) {
                everCheckedTopic = true;
                lastTopicCheck = started;
                lastTopicIdCheck = started;
                takeIn(first.get());
            }
        } else if (started - lastTopicCheck >= settingsEvery.toNanos()) {
            lastTopicCheck = started;
            lastTopicIdCheck = started;
            takeIn(topicCheck.inspect());
        } else if (started - lastTopicIdCheck >= TOPIC_ID_CHECK_EVERY.toNanos()) {
            lastTopicIdCheck = started;
            requireSameTopic(topicCheck.topicId());
        }
        List<LogRecord> batch = reader.poll(POLL);
        if (!batch.isEmpty()) {
            ChainFollower.Step step = follower.follow(LogRecord.decodeAll(batch));
            if (!step.accepted().isEmpty()) {
                listener.apply(step.accepted());
            }
            step.skipped().forEach(listener::skipped);
            if (step.halt().isPresent()) {
                halt(step.halt().get());
                return;
            }
            if (status.isReady()) {
                LOG.info("event=records_applied count={} last_offset={}", batch.size(), batch.get(batch.size() - 1).offset());
            }
        }
        long position = reader.position();
        long now = System.nanoTime();
        if (!everLookedUp) {
            firstEnd.answer().ifPresent(this::takeInFirst);
        } else if (lookupRequested || now - lastLookup >= END_LOOKUP_EVERY.toNanos()) {
            lookUpEnd(ends, position, now);
        }
        status.positionReached(position);
        completeBarriers(position);
    }

    private void lookUpEnd(LogEnds ends, long position, long now) {
        List<CompletableFuture<Boolean>> group;
        synchronized (waitersLock) {
            lookupRequested = false;
            group = waiting;
            waiting = new ArrayList<>();
        }
        long highWatermark;
        try {
            status.endLookedUp();
            highWatermark = ends.highWatermark();
        } catch (RuntimeException e) {
            synchronized (waitersLock) {
                waiting.addAll(group);
            }
            throw e;
        }
        lastLookup = now;
        everLookedUp = true;
        if (highWatermark < position) {
            synchronized (waitersLock) {
                waiting.addAll(group); // decided by a later look-up (or failed by the halt)
            }
            if (++rewindSightings >= LogEnds.REWIND_CONFIRMATIONS) {
                throw new TokenLogHaltedException(ChainHalt.rewound(position, highWatermark));
            }
            return;
        }
        rewindSightings = 0;
        status.highWatermarkSeen(highWatermark, now);
        if (!group.isEmpty()) {
            barriers.add(new Barrier(highWatermark, group));
        }
    }

    /**
     * The first look-up, made beside the first reads: its high watermark is the start target. No
     * rewind is looked for (the reader may have read past it meanwhile); the next look-up does.
     * Waiters that came meanwhile get the next one.
     */
    private void takeInFirst(End end) {
        status.endLookedUp();
        status.highWatermarkSeen(end.highWatermark(), end.askedAt());
        lastLookup = end.askedAt();
        everLookedUp = true;
    }

    private void completeBarriers(long position) {
        barriers.removeIf(barrier -> {
            if (position < barrier.target) {
                barrier.waiters.removeIf(CompletableFuture::isDone);
                return barrier.waiters.isEmpty();
            }
            barrier.waiters.forEach(waiter -> waiter.complete(true));
            return true;
        });
    }

    private void takeIn(TopicCheck.Inspection inspection) {
        requireSameTopic(inspection.topicId());
        if (!inspection.violations().equals(status.topicProblems())) {
            inspection.violations().forEach(problem -> LOG.error("event=topic_unusable action=not_ready problem=\"{}\"", problem));
            status.topicProblems(inspection.violations());
        }
    }

    /** A topic deleted (and perhaps created again) since the reader started halts it. */
    private void requireSameTopic(Uuid current) {
        Optional<ChainHalt> replaced = topicIdentity.replacedAt(current, status.position());
        if (replaced.isPresent()) {
            throw new TokenLogHaltedException(replaced.get());
        }
    }

    private void halt(ChainHalt halt) {
        follower.halt(halt);
        status.halted(halt);
        failWaiters();
    }

    private void failWaiters() {
        List<CompletableFuture<Boolean>> pending;
        synchronized (waitersLock) {
            pending = waiting;
            waiting = new ArrayList<>();
        }
        pending.forEach(waiter -> waiter.complete(false));
        barriers.forEach(barrier -> barrier.waiters.forEach(waiter -> waiter.complete(false)));
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Barrier(long target, List<CompletableFuture<Boolean>> waiters) {
    }

    /** The broker said at {@code askedAt} ({@link System#nanoTime}) that the log ends at {@code highWatermark}. */
    private record End(long highWatermark, long askedAt) {
    }
}
