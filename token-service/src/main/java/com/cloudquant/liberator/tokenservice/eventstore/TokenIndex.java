package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Folded with token-log's {@link TokenFold}, the rules every reader shares: Axon (aggregate
 * sourcing and the directory's tracking processor) is only given events that change a token,
 * so no reader here can see a revoked token issued again.
 */
final class TokenIndex {

    static final String AGGREGATE_TYPE = "Token";

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<TrackedEventMessage<?>> inOrder = new ArrayList<>();
    private final List<Long> trackedSeqs = new ArrayList<>();
    private final Map<String, List<DomainEventMessage<?>>> byToken = new HashMap<>();
    private final List<long[]> seqToOffset = new ArrayList<>();
    /** Ids the log revoked before it issued them: never given to Axon, but a later issue of one is ignored. */
    private final Set<String> revokedUnissued = new HashSet<>();
    private ChainHead head = ChainHead.GENESIS;
    private long nextOffset;

    /**
     * Adds a verified event the service understands, as {@link TokenFold} decides: an issue or a
     * revocation that changes the token becomes an Axon event; one it ignores (a second issue, an
     * issue after revocation, a second revocation) and a revocation of an id never issued only
     * take their chain position, the latter also remembered so the id can never become valid.
     *
     * @return what the event changed
     */
    TokenFold.Change add(EventEnvelope envelope, TokenEvent event, long offset) {
        lock.writeLock().lock();
        try {
            TokenFold.Change change = TokenFold.decide(offset, event, standing(event.tokenId()));
            if (change instanceof TokenFold.Revoke revoke && !revoke.wasIssued()) {
                revokedUnissued.add(event.tokenId());
            } else if (!(change instanceof TokenFold.Ignore)) {
                List<DomainEventMessage<?>> events = byToken.computeIfAbsent(event.tokenId(), id -> new ArrayList<>(2));
                DomainEventMessage<?> message = new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.tokenId(),
                        events.size(), event, MetaData.emptyInstance(), envelope.eventId(), envelope.occurredAt());
                events.add(message);
                inOrder.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(envelope.seq()), message));
                trackedSeqs.add(envelope.seq());
            }
            advance(envelope, offset);
            return change;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Where {@code tokenId} stands in what was folded so far. Under the lock. */
    private TokenFold.Standing standing(String tokenId) {
        if (revokedUnissued.contains(tokenId)) {
            return TokenFold.Standing.REVOKED;
        }
        List<DomainEventMessage<?>> events = byToken.get(tokenId);
        if (events == null || events.isEmpty()) {
            return TokenFold.Standing.UNKNOWN;
        }
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof TokenRevoked) {
                return TokenFold.Standing.REVOKED;
            }
        }
        return TokenFold.Standing.ISSUED;
    }

    /** A verified event of a type this service does not know: it holds a chain position only (as an ignored one does). */
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
