package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold;
import com.cloudquant.liberator.tokenservice.table.Columns;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the storage engine knows of the log, compactly: each token's row in the
 * {@link TokenTable} (its state, and the offsets of its issue and revocation records, from
 * which the engine re-reads its aggregate events), the Kafka offset of every chain position
 * (one long per accepted record), and the chain head. No event is kept.
 *
 * <p>Folded with token-log's {@link TokenFold}, the rules every reader shares: the table only
 * records events that change a token, so Axon (which gets a token's events from the offsets in
 * its row) never sees a revoked token issued again.
 */
final class TokenIndex {

    static final String AGGREGATE_TYPE = "Token";

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TokenTable table;
    /** The Kafka offset of chain position {@code firstSeq + i}; accepted positions are contiguous. */
    private final Columns.Longs offsetBySeq = new Columns.Longs();
    private long firstSeq = 1;
    private int accepted;
    private ChainHead head = ChainHead.GENESIS;
    private long nextOffset;
    /** Token id by actor and idempotency key, for issues that carried a key (few: only retried clients send one). */
    private final Map<String, String> issuedByKey = new HashMap<>();

    TokenIndex(TokenTable table) {
        this.table = table;
    }

    TokenTable table() {
        return table;
    }

    /**
     * Adds a verified event the service understands, as {@link TokenFold} decides: an issue or a
     * revocation that changes the token is recorded in the table; one it ignores (a second issue,
     * an issue after revocation, a second revocation) only takes its chain position. A revocation
     * of an id never issued is recorded too, so the id can never become valid, but it gives Axon
     * no event.
     *
     * @return what the event changed
     */
    TokenFold.Change add(EventEnvelope envelope, TokenEvent event, long offset) {
        lock.writeLock().lock();
        try {
            requireNext(envelope, offset);
            TokenFold.Change change = TokenFold.decide(offset, event, standing(event.tokenId()));
            if (change instanceof TokenFold.Issue) {
                TokenIssued issued = (TokenIssued) event;
                table.issued(issued, offset);
                issued.idempotency().ifPresent(key -> issuedByKey.putIfAbsent(keyOf(issued.issuedBy(), key), issued.tokenId()));
            } else if (change instanceof TokenFold.Revoke) {
                table.revoked((TokenRevoked) event, offset);
            }
            advance(envelope, offset);
            return change;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The token {@code actor} issued with {@code idempotencyKey}, if the log holds one. */
    Optional<String> issuedWith(String actor, String idempotencyKey) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(issuedByKey.get(keyOf(actor, idempotencyKey)));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static String keyOf(String actor, String idempotencyKey) {
        // a key is visible ASCII, so a newline cannot occur in it: actor and key cannot run together
        return actor + '\n' + idempotencyKey;
    }

    /** Where {@code tokenId} stands in what was folded so far. */
    private TokenFold.Standing standing(String tokenId) {
        Optional<TokenTable.Offsets> offsets = table.offsetsOf(tokenId);
        if (offsets.isEmpty()) {
            return TokenFold.Standing.UNKNOWN;
        }
        return offsets.get().revoked() ? TokenFold.Standing.REVOKED : TokenFold.Standing.ISSUED;
    }

    /** A verified event of a type this service does not know: it holds a chain position only (as an ignored one does). */
    void skip(EventEnvelope envelope, long offset) {
        lock.writeLock().lock();
        try {
            requireNext(envelope, offset);
            advance(envelope, offset);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The chain follower only accepts the record that extends the chain: positions are contiguous. */
    private void requireNext(EventEnvelope envelope, long offset) {
        if (accepted > 0 && envelope.seq() != firstSeq + accepted) {
            throw new IllegalStateException("chain position " + envelope.seq() + " at offset " + offset
                    + " does not follow " + (firstSeq + accepted - 1));
        }
        if (accepted == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " records in the log");
        }
    }

    private void advance(EventEnvelope envelope, long offset) {
        if (accepted == 0) {
            firstSeq = envelope.seq();
        }
        offsetBySeq.set(accepted++, offset);
        head = envelope.head();
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

    /** Where the token's issue and revocation records are; empty for an id the log never named. */
    Optional<TokenTable.Offsets> offsetsOf(String tokenId) {
        return table.offsetsOf(tokenId);
    }

    /** How many events Axon's aggregate of {@code tokenId} has: 0 (never issued), 1 (issued) or 2 (and revoked). */
    int aggregateEvents(String tokenId) {
        return table.offsetsOf(tokenId).map(offsets -> offsets.issued() ? (offsets.revoked() ? 2 : 1) : 0).orElse(0);
    }

    /** Kafka offset of the first record at or after chain position {@code seq}. */
    long offsetOfSeq(long seq) {
        lock.readLock().lock();
        try {
            long position = Math.max(0, seq - firstSeq);
            return position < accepted ? offsetBySeq.get((int) position) : nextOffset;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The chain position of the accepted record at {@code offset}, or -1 when no accepted record is there. */
    long seqAt(long offset) {
        lock.readLock().lock();
        try {
            int low = 0;
            int high = accepted - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long found = offsetBySeq.get(mid);
                if (found < offset) {
                    low = mid + 1;
                } else if (found > offset) {
                    high = mid - 1;
                } else {
                    return firstSeq + mid;
                }
            }
            return -1;
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

    /** Issued tokens, revoked or not. */
    int tokenCount() {
        return table.tokens();
    }
}
