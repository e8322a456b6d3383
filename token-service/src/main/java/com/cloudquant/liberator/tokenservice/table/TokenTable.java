package com.cloudquant.liberator.tokenservice.table;

import com.cloudquant.liberator.events.CanonicalUuid;
import com.cloudquant.liberator.events.Interned;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every token the log issued or revoked, one row per token id in the log order of its first
 * event, kept in primitive columns so a million tokens fit a small heap: the id as two longs
 * when it is a canonical lowercase UUID (the service always writes those), consumer and actors
 * as indexes into one list of interned names, the hint packed into an int when it has the
 * shape {@code BearerToken.hint()} gives, instants as epoch milliseconds, and the Kafka offsets
 * of the token's issue and revocation records (from which its aggregate events are re-read).
 * Anything of another shape (a text id, an odd hint, an instant beyond what a long of
 * milliseconds holds) is kept in a side map for its row. An open-addressing index finds a
 * row by id, and each consumer's rows are chained newest first, so a per-consumer count or
 * list costs that consumer's tokens only.
 *
 * <p>One writer, the storage engine, records what token-log's {@code TokenFold} decided an
 * event changes ({@link #issued}, {@link #revoked}); any thread reads. Holds no secret and no
 * hash.
 */
public final class TokenTable {

    /** The offset of a record the token does not have. */
    public static final long NO_OFFSET = -1;

    private static final long NO_INSTANT = Long.MIN_VALUE;
    /** The instant is in {@link #oddInstants}: epoch milliseconds in a long cannot hold it. */
    private static final long ODD_INSTANT = Long.MIN_VALUE + 1;
    private static final int NOBODY = -1;
    private static final int NO_ROW = -1;
    private static final byte TEXT_ID = 1;
    private static final byte TEXT_HINT = 2;
    private static final int ISSUED_AT = 0;
    private static final int EXPIRES_AT = 1;
    private static final int REVOKED_AT = 2;
    private static final int MIN_SLOTS = 1 << 10;
    /** A slot holds row + 1 in its low bits and the top bits of the id's hash above them. */
    private static final int ROW_BITS = 25;
    private static final int ROW_MASK = (1 << ROW_BITS) - 1;
    /** At most this many rows: 33 million tokens (a heap of some 3 GB). */
    private static final int MAX_ROWS = ROW_MASK - 1;

    /** Told about every change {@link #issued} and {@link #revoked} record, e.g. to count them in metrics. */
    public interface Listener {

        /** A token was issued. */
        void issued();

        /** An issued token was revoked (not called for a revocation of an id never issued). */
        void revoked();
    }

    /** Whether a token still opens the gateway. */
    public enum State {
        ACTIVE, REVOKED, EXPIRED
    }

    /**
     * Where the token's records are.
     *
     * @param issue  offset of the {@code TokenIssued} that issued it, or {@link #NO_OFFSET}
     *               (the log revoked an id it never issued)
     * @param revoke offset of the {@code TokenRevoked} that revoked it, or {@link #NO_OFFSET}
     */
    public record Offsets(long issue, long revoke) {

        public boolean issued() {
            return issue != NO_OFFSET;
        }

        public boolean revoked() {
            return revoke != NO_OFFSET;
        }
    }

    /**
     * An issued token as the table holds it: never the secret, never its hash.
     *
     * @param scope the token's scope in canonical form, or null when it sees the whole slice
     * @param limits the query limits it was issued with instead of the gateway's defaults
     */
    public record Row(String id, String consumer, String hint, String issuedBy, Instant issuedAt,
                      @Nullable Instant expiresAt, @Nullable String revokedBy, @Nullable Instant revokedAt,
                      @Nullable String scope, TokenLimits limits) {

        /** A row of a token with the gateway's default limits. */
        public Row(String id, String consumer, String hint, String issuedBy, Instant issuedAt, @Nullable Instant expiresAt,
                   @Nullable String revokedBy, @Nullable Instant revokedAt, @Nullable String scope) {
            this(id, consumer, hint, issuedBy, issuedAt, expiresAt, revokedBy, revokedAt, scope, TokenLimits.NONE);
        }

        public State stateAt(Instant now) {
            if (revokedAt != null) {
                return State.REVOKED;
            }
            return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Listener listener;

    private final Columns.Bytes flags = new Columns.Bytes();
    private final Columns.Longs idHigh = new Columns.Longs();
    private final Columns.Longs idLow = new Columns.Longs();
    private final Columns.Ints consumer = new Columns.Ints();
    private final Columns.Ints issuedBy = new Columns.Ints();
    private final Columns.Ints revokedBy = new Columns.Ints();
    private final Columns.Ints hint = new Columns.Ints();
    private final Columns.Longs issuedAt = new Columns.Longs();
    private final Columns.Longs expiresAt = new Columns.Longs();
    private final Columns.Longs revokedAt = new Columns.Longs();
    private final Columns.Longs issueOffset = new Columns.Longs();
    private final Columns.Longs revokeOffset = new Columns.Longs();
    /** The next older row of the same consumer, or {@link #NO_ROW}. */
    private final Columns.Ints olderOfConsumer = new Columns.Ints();
    /** Index into {@link #scopes}; 0, what a row never set reads, is the unscoped token. */
    private final Columns.Ints scope = new Columns.Ints();
    /** Index into {@link #limitSets}; 0, what a row never set reads, is the gateway's defaults. */
    private final Columns.Ints limits = new Columns.Ints();

    private final Map<Integer, String> textIds = new HashMap<>();
    private final Map<Integer, String> textHints = new HashMap<>();
    /** Keyed by {@link #instantKey}. */
    private final Map<Long, Instant> oddInstants = new HashMap<>();

    /** Consumer and actor names. */
    private final Interned<String> names = new Interned<>();
    /**
     * Canonical scopes, each held once however many tokens carry it (tokens of one team share
     * theirs); index 0 is null, the unscoped token.
     */
    private final Interned<String> scopes = Interned.startingWith(null);
    /** The distinct limits tokens were issued with, each held once; index 0 is the defaults. */
    private final Interned<TokenLimits> limitSets = Interned.startingWith(TokenLimits.NONE);
    /** Per name index: the newest row issued to the consumer of that name, or {@link #NO_ROW}. */
    private int[] newestOfConsumer = filled(new int[16], 0);

    /**
     * Open addressing, linear probing: 0 for a free slot, else row + 1 and a fingerprint (the
     * hash's top bits), so a probe only reads a row whose id may match.
     */
    private int[] slots = new int[MIN_SLOTS];
    private int rows;
    private int issuedRows;

    /** A table that tells nobody about changes. */
    public TokenTable() {
        this(new Listener() {
            @Override
            public void issued() {
            }

            @Override
            public void revoked() {
            }
        });
    }

    public TokenTable(Listener listener) {
        this.listener = listener;
    }

    // ---------------------------------------------------------------- writes (the storage engine only)

    /**
     * Records an issue that token-log's fold accepted: the id must not have a row yet (a second
     * issue, or an issue after a revocation, changes nothing and is never recorded).
     */
    public void issued(TokenIssued event, long offset) {
        lock.writeLock().lock();
        try {
            if (rowOf(event.tokenId()) != NO_ROW) {
                throw new IllegalStateException("token " + event.tokenId() + " is already in the table: the fold"
                        + " ignores a second issue of an id, the table must never be given one");
            }
            int row = append(event.tokenId());
            int name = intern(event.consumer());
            consumer.set(row, name);
            olderOfConsumer.set(row, newestOfConsumer[name]);
            newestOfConsumer[name] = row;
            issuedBy.set(row, intern(event.issuedBy()));
            long packed = Packed.packHint(event.hint());
            if (packed == Packed.ODD_HINT) {
                flags.set(row, (byte) (flags.get(row) | TEXT_HINT));
                textHints.put(row, event.hint());
            } else {
                hint.set(row, (int) packed);
            }
            setInstant(issuedAt, ISSUED_AT, row, event.issuedAt());
            setInstant(expiresAt, EXPIRES_AT, row, event.expiresAt());
            scope.set(row, scopes.intern(event.scope().isUnscoped() ? null : event.scope().canonical()));
            limits.set(row, limitSets.intern(event.limits()));
            issueOffset.set(row, offset);
            issuedRows++;
        } finally {
            lock.writeLock().unlock();
        }
        listener.issued();
    }

    /**
     * Records a revocation that token-log's fold accepted: of an issued token, or of an id never
     * issued (which gets a row of its own, so it can never be issued later, but is never listed).
     */
    public void revoked(TokenRevoked event, long offset) {
        boolean wasIssued;
        lock.writeLock().lock();
        try {
            int row = rowOf(event.tokenId());
            if (row == NO_ROW) {
                row = append(event.tokenId());
            } else if (revokeOffset.get(row) != NO_OFFSET) {
                throw new IllegalStateException("token " + event.tokenId() + " is already revoked: the fold ignores"
                        + " a second revocation, the table must never be given one");
            }
            revokedBy.set(row, intern(event.revokedBy()));
            setInstant(revokedAt, REVOKED_AT, row, event.revokedAt());
            revokeOffset.set(row, offset);
            wasIssued = issueOffset.get(row) != NO_OFFSET;
        } finally {
            lock.writeLock().unlock();
        }
        if (wasIssued) {
            listener.revoked();
        }
    }

    private int append(String id) {
        int row = rows;
        if (row == MAX_ROWS) {
            throw new IllegalStateException("the token table is full: " + MAX_ROWS + " tokens");
        }
        byte rowFlags = 0;
        UUID uuid = CanonicalUuid.parse(id);
        if (uuid != null) {
            idHigh.set(row, uuid.getMostSignificantBits());
            idLow.set(row, uuid.getLeastSignificantBits());
        } else {
            rowFlags |= TEXT_ID;
            textIds.put(row, id);
        }
        flags.set(row, rowFlags);
        consumer.set(row, NOBODY);
        issuedBy.set(row, NOBODY);
        revokedBy.set(row, NOBODY);
        olderOfConsumer.set(row, NO_ROW);
        scope.set(row, 0);
        limits.set(row, 0);
        issuedAt.set(row, NO_INSTANT);
        expiresAt.set(row, NO_INSTANT);
        revokedAt.set(row, NO_INSTANT);
        issueOffset.set(row, NO_OFFSET);
        revokeOffset.set(row, NO_OFFSET);
        rows = row + 1;
        index(row);
        return row;
    }

    /** The name's index, making room for its newest row when the name is new. */
    private int intern(String name) {
        int index = names.intern(name);
        if (index >= newestOfConsumer.length) {
            int held = newestOfConsumer.length;
            newestOfConsumer = filled(Arrays.copyOf(newestOfConsumer, held * 2), held);
        }
        return index;
    }

    private static int[] filled(int[] array, int from) {
        Arrays.fill(array, from, array.length, NO_ROW);
        return array;
    }

    private void setInstant(Columns.Longs column, int which, int row, @Nullable Instant instant) {
        if (instant == null) {
            column.set(row, NO_INSTANT);
            return;
        }
        long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException e) {
            millis = ODD_INSTANT;
        }
        if (millis == NO_INSTANT || millis == ODD_INSTANT) {
            column.set(row, ODD_INSTANT);
            oddInstants.put(instantKey(row, which), instant);
        } else {
            column.set(row, millis);
        }
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** Where the token's records are; empty for an id the log never named. */
    public Optional<Offsets> offsetsOf(String tokenId) {
        lock.readLock().lock();
        try {
            int row = rowOf(tokenId);
            return row == NO_ROW ? Optional.empty()
                    : Optional.of(new Offsets(issueOffset.get(row), revokeOffset.get(row)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The issued token with this id. */
    public Optional<Row> find(String tokenId) {
        lock.readLock().lock();
        try {
            int row = rowOf(tokenId);
            return row == NO_ROW || issueOffset.get(row) == NO_OFFSET ? Optional.empty() : Optional.of(row(row));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Issued tokens, newest first (by {@code issuedAt}, then id); {@code consumer} and {@code state}
     * filter when not null.
     */
    public List<Row> list(@Nullable String consumerName, @Nullable State state, Instant now) {
        lock.readLock().lock();
        try {
            long nowMillis = now.toEpochMilli();
            int[] picked;
            int count = 0;
            if (consumerName != null) {
                int name = names.indexOf(consumerName);
                if (name < 0) {
                    return List.of();
                }
                picked = new int[16];
                for (int row = newestOfConsumer[name]; row != NO_ROW; row = olderOfConsumer.get(row)) {
                    if (state == null || state(row, nowMillis, now) == state) {
                        if (count == picked.length) {
                            picked = Arrays.copyOf(picked, count * 2);
                        }
                        picked[count++] = row;
                    }
                }
            } else {
                picked = new int[issuedRows];
                for (int row = rows - 1; row >= 0; row--) {
                    if (issueOffset.get(row) != NO_OFFSET && (state == null || state(row, nowMillis, now) == state)) {
                        picked[count++] = row;
                    }
                }
            }
            sortNewestFirst(picked, count);
            List<Row> listed = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                listed.add(row(picked[i]));
            }
            return Collections.unmodifiableList(listed);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tokens of {@code consumerName} neither revoked nor expired at {@code now}: O(that consumer's tokens). */
    public long activeCount(String consumerName, Instant now) {
        lock.readLock().lock();
        try {
            int name = names.indexOf(consumerName);
            if (name < 0) {
                return 0;
            }
            long nowMillis = now.toEpochMilli();
            long active = 0;
            for (int row = newestOfConsumer[name]; row != NO_ROW; row = olderOfConsumer.get(row)) {
                if (state(row, nowMillis, now) == State.ACTIVE) {
                    active++;
                }
            }
            return active;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tokens neither revoked nor expired at {@code now}: a scan of the table's columns. */
    public long activeCount(Instant now) {
        lock.readLock().lock();
        try {
            long nowMillis = now.toEpochMilli();
            long active = 0;
            for (int row = 0; row < rows; row++) {
                if (issueOffset.get(row) != NO_OFFSET && state(row, nowMillis, now) == State.ACTIVE) {
                    active++;
                }
            }
            return active;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Issued tokens (revoked or not): what a listing without filters shows. */
    public int tokens() {
        lock.readLock().lock();
        try {
            return issuedRows;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- row access (under a lock)

    private State state(int row, long nowMillis, Instant now) {
        if (revokeOffset.get(row) != NO_OFFSET) {
            return State.REVOKED;
        }
        long expiry = expiresAt.get(row);
        if (expiry == NO_INSTANT) {
            return State.ACTIVE;
        }
        // expiry has millisecond precision, so now >= expiry exactly when now's whole milliseconds are
        boolean expired = expiry == ODD_INSTANT ? !now.isBefore(oddInstants.get(instantKey(row, EXPIRES_AT)))
                : nowMillis >= expiry;
        return expired ? State.EXPIRED : State.ACTIVE;
    }

    private Row row(int row) {
        return new Row(id(row), name(consumer.get(row)), hint(row), name(issuedBy.get(row)),
                instant(issuedAt, ISSUED_AT, row), instant(expiresAt, EXPIRES_AT, row),
                name(revokedBy.get(row)), instant(revokedAt, REVOKED_AT, row), scopes.get(scope.get(row)),
                limitSets.get(limits.get(row)));
    }

    private String id(int row) {
        return (flags.get(row) & TEXT_ID) != 0 ? textIds.get(row) : Packed.uuid(idHigh.get(row), idLow.get(row));
    }

    private String hint(int row) {
        return (flags.get(row) & TEXT_HINT) != 0 ? textHints.get(row) : Packed.hint(hint.get(row));
    }

    private String name(int index) {
        return index == NOBODY ? null : names.get(index);
    }

    private Instant instant(Columns.Longs column, int which, int row) {
        long millis = column.get(row);
        if (millis == NO_INSTANT) {
            return null;
        }
        return millis == ODD_INSTANT ? oddInstants.get(instantKey(row, which)) : Instant.ofEpochMilli(millis);
    }

    private static long instantKey(int row, int which) {
        return ((long) row << 2) | which;
    }

    /** Newest first: {@code issuedAt} descending, then id ascending (as a string). */
    private int newestFirst(int a, int b) {
        long x = issuedAt.get(a);
        long y = issuedAt.get(b);
        int byTime = x != ODD_INSTANT && y != ODD_INSTANT ? Long.compare(y, x)
                : instant(issuedAt, ISSUED_AT, b).compareTo(instant(issuedAt, ISSUED_AT, a));
        if (byTime != 0) {
            return byTime;
        }
        if (((flags.get(a) | flags.get(b)) & TEXT_ID) == 0) {
            // canonical lowercase UUIDs sort as strings exactly as their 128 bits sort unsigned
            int high = Long.compareUnsigned(idHigh.get(a), idHigh.get(b));
            return high != 0 ? high : Long.compareUnsigned(idLow.get(a), idLow.get(b));
        }
        return id(a).compareTo(id(b));
    }

    /** Rows are picked newest row first, which is nearly always newest issue first: only check, then sort if not. */
    private void sortNewestFirst(int[] picked, int count) {
        for (int i = 1; i < count; i++) {
            if (newestFirst(picked[i - 1], picked[i]) > 0) {
                Integer[] boxed = new Integer[count];
                for (int j = 0; j < count; j++) {
                    boxed[j] = picked[j];
                }
                Arrays.sort(boxed, this::newestFirst);
                for (int j = 0; j < count; j++) {
                    picked[j] = boxed[j];
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- id index

    private int rowOf(String id) {
        UUID uuid = CanonicalUuid.parse(id);
        int hash = uuid != null ? uuidHash(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()) : textHash(id);
        int fingerprint = fingerprint(hash);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return NO_ROW;
            }
            int row = (slot & ROW_MASK) - 1;
            if ((slot & ~ROW_MASK) == fingerprint && (uuid != null
                    ? (flags.get(row) & TEXT_ID) == 0 && idHigh.get(row) == uuid.getMostSignificantBits()
                            && idLow.get(row) == uuid.getLeastSignificantBits()
                    : (flags.get(row) & TEXT_ID) != 0 && id.equals(textIds.get(row)))) {
                return row;
            }
        }
    }

    /** Adds the newest row to the index, first doubling it beyond three quarters full. */
    private void index(int row) {
        if ((long) rows * 4 > (long) slots.length * 3) {
            slots = new int[slots.length * 2];
            for (int r = 0; r < rows; r++) {
                place(r);
            }
        } else {
            place(row);
        }
    }

    private void place(int row) {
        int mask = slots.length - 1;
        int hash = (flags.get(row) & TEXT_ID) != 0 ? textHash(textIds.get(row)) : uuidHash(idHigh.get(row), idLow.get(row));
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint(hash) | (row + 1);
    }

    private static int fingerprint(int hash) {
        return hash & ~ROW_MASK;
    }

    private static int uuidHash(long high, long low) {
        return mix(high * 31 + low);
    }

    private static int textHash(String id) {
        return mix(id.hashCode());
    }

    private static int mix(long bits) {
        long x = bits;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) x;
    }
}
