package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Everything the log holds, in memory: events per token for sourcing aggregates, all events
 * in log order for tracking processors, and where each chain position sits in Kafka.
 * Append-only; readers never see a partly added event.
 */
final class TokenIndex {

    static final String AGGREGATE_TYPE = "Token";

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<TrackedEventMessage<?>> inOrder = new ArrayList<>();
    private final List<Long> trackedSeqs = new ArrayList<>();
    private final Map<String, List<DomainEventMessage<?>>> byToken = new HashMap<>();
    private final List<long[]> seqToOffset = new ArrayList<>();
    private ChainHead head = ChainHead.GENESIS;
    private long nextOffset;

    /** Adds a verified event the service understands. */
    void add(EventEnvelope envelope, TokenEvent event, long offset) {
        lock.writeLock().lock();
        try {
            List<DomainEventMessage<?>> events = byToken.computeIfAbsent(event.tokenId(), id -> new ArrayList<>(2));
            DomainEventMessage<?> message = new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.tokenId(),
                    events.size(), event, MetaData.emptyInstance(), envelope.eventId(), envelope.occurredAt());
            events.add(message);
            inOrder.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(envelope.seq()), message));
            trackedSeqs.add(envelope.seq());
            advance(envelope, offset);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A verified event of a type this service does not know: it holds a chain position only. */
    void skip(EventEnvelope envelope, long offset) {
        lock.writeLock().lock();
        try {
            advance(envelope, offset);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advance(EventEnvelope envelope, long offset) {
        head = envelope.head();
        seqToOffset.add(new long[] {envelope.seq(), offset});
        nextOffset = Math.max(nextOffset, offset + 1);
    }

    /** Moves the read position past control records (transaction markers) that carry no event. */
    void readUpTo(long offset) {
        lock.writeLock().lock();
        try {
            nextOffset = Math.max(nextOffset, offset);
        } finally {
            lock.writeLock().unlock();
        }
    }

    List<DomainEventMessage<?>> eventsOf(String tokenId) {
        lock.readLock().lock();
        try {
            List<DomainEventMessage<?>> events = byToken.get(tokenId);
            return events == null ? List.of() : List.copyOf(events);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Events with a chain position after {@code seq}, lazily: appends during iteration are not seen. */
    Stream<TrackedEventMessage<?>> after(long seq) {
        lock.readLock().lock();
        int from;
        int to;
        try {
            int found = Collections.binarySearch(trackedSeqs, seq + 1);
            from = found >= 0 ? found : -found - 1;
            to = inOrder.size();
        } finally {
            lock.readLock().unlock();
        }
        return IntStream.range(from, to).mapToObj(this::tracked);
    }

    private TrackedEventMessage<?> tracked(int position) {
        lock.readLock().lock();
        try {
            return inOrder.get(position);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Kafka offset of the first record at or after chain position {@code seq}. */
    long offsetOfSeq(long seq) {
        lock.readLock().lock();
        try {
            int low = 0;
            int high = seqToOffset.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (seqToOffset.get(mid)[0] < seq) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low < seqToOffset.size() ? seqToOffset.get(low)[1] : nextOffset;
        } finally {
            lock.readLock().unlock();
        }
    }

    ChainHead head() {
        lock.readLock().lock();
        try {
            return head;
        } finally {
            lock.readLock().unlock();
        }
    }

    long nextOffset() {
        lock.readLock().lock();
        try {
            return nextOffset;
        } finally {
            lock.readLock().unlock();
        }
    }

    int tokenCount() {
        lock.readLock().lock();
        try {
            return byToken.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
