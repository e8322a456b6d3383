package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.CanonicalUuid;
import com.cloudquant.liberator.events.Interned;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenlog.TokenFold;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.StampedLock;

/**
 * The projection: token hash → the active token. The rules of what an event changes are
 * token-log's {@link TokenFold}; this class only stores the outcome, in columns of primitive
 * arrays — one row per token id, about 80 bytes including both indexes, where objects per token
 * took over 200 and made a million-token rebuild spend most of its time collecting garbage in
 * the heap the gateway ships with (docs/benchmarks.md, "Rebuild at scale").
 *
 * <p>A token's scope is an index into a list of distinct scopes: the event's parsed {@link Scope}
 * is kept once per canonical form, so a million tokens of a few teams hold a few scopes, and
 * nothing is parsed again here (the decoder parsed and checked it once per event). Index 0, what
 * a fresh page reads, is {@link Scope#NONE}: an unscoped token costs an int. A token's own query
 * limits ({@link TokenLimits}) are kept the same way.
 *
 * <p>Written by the log reader thread only (and the expiry sweep); read by every request
 * thread. Reads are optimistic ({@link StampedLock}): no lock is taken unless a write
 * happened meanwhile, in which case the read is repeated under the read lock. Rows are never
 * removed, so an id stays known after its token was revoked or expired: a second issue of it
 * still changes nothing.
 *
 * <p>Hand-written rather than a collections library: the libraries at hand (the JDK, fastutil,
 * Eclipse Collections) offer primitive maps with one key, not a 32-byte key with lock-free
 * concurrent reads, and a map per column would cost what this saves.
 */
@Singleton
public final class ValidTokenRegistry {

    private static final int PAGE_BITS = 14;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final byte ACTIVE = 1;
    private static final byte REVOKED = 2;
    private static final byte EXPIRED = 3;
    private static final long NEVER = Long.MAX_VALUE;

    private final StampedLock lock = new StampedLock();
    private final Interned<String> consumerNames = new Interned<>();
    private final Interned<Scope> distinctScopes = Interned.startingWith(Scope.NONE);
    /** Likewise the distinct limits tokens were issued with; index 0 is {@link TokenLimits#NONE}, the defaults. */
    private final Interned<TokenLimits> distinctLimits = Interned.startingWith(TokenLimits.NONE);
    /** Ids that are not canonical UUIDs (the token-service writes UUIDs), by row. */
    private final Map<Integer, String> textIds = new HashMap<>();

    // columns, in pages of PAGE rows, so growing never copies the data
    private long[][] hashes = new long[0][]; // 4 longs per row; all zero for an id revoked before it was issued
    private long[][] ids = new long[0][];    // 2 longs per row
    private long[][] expiries = new long[0][];
    private int[][] consumers = new int[0][];
    private int[][] scopes = new int[0][];
    private int[][] limits = new int[0][];
    private byte[][] states = new byte[0][];
    private int rows;
    private int active;
    // open addressing: row + 1, 0 = empty; at most half full
    private int[] byHash = new int[1024];
    private int[] byId = new int[1024];

    /** The active token whose SHA-256 is {@code hash}, expired or not. */
    public Optional<ActiveToken> find(TokenHash hash) {
        long stamp = lock.tryOptimisticRead();
        ActiveToken found;
        try {
            found = activeToken(hashRow(hash));
        } catch (RuntimeException torn) {
            found = null; // a write moved the arrays under us: validate fails, read again under the lock
        }
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                found = activeToken(hashRow(hash));
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code hash} belonged to a token that was revoked (for the failure reason only). */
    public boolean wasRevoked(TokenHash hash) {
        long stamp = lock.readLock();
        try {
            int row = hashRow(hash);
            return row >= 0 && state(row) == REVOKED;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Number of active (issued, neither revoked nor swept as expired) tokens. */
    public int size() {
        return active;
    }

    /**
     * Where {@code tokenId} stands, for {@link TokenFold#decide}. Called only by the log reader
     * thread, which is the only thread that adds rows or revokes, so it reads without the lock;
     * the one other writer, the expiry sweep, only turns active into expired, the same standing.
     */
    public TokenFold.Standing standing(String tokenId) {
        int row = idRow(tokenId);
        if (row < 0) {
            return TokenFold.Standing.UNKNOWN;
        }
        return state(row) == REVOKED ? TokenFold.Standing.REVOKED : TokenFold.Standing.ISSUED;
    }

    /** Applies what the fold decided. Only {@link TokenProjector} (and benchmarks) call this. */
    public void apply(TokenFold.Change change) {
        long stamp = lock.writeLock();
        try {
            if (change instanceof TokenFold.Issue issue) {
                issue(issue.event());
            } else if (change instanceof TokenFold.Revoke revoke) {
                revoke(revoke.event());
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Marks tokens expired by {@code now} as no longer active; returns how many. */
    public int dropExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        long stamp = lock.writeLock();
        try {
            int dropped = 0;
            for (int row = 0; row < rows; row++) {
                if (state(row) == ACTIVE && expiries[row >>> PAGE_BITS][row & (PAGE - 1)] <= nowMillis) {
                    states[row >>> PAGE_BITS][row & (PAGE - 1)] = EXPIRED;
                    dropped++;
                }
            }
            active -= dropped;
            return dropped;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void issue(TokenIssued issued) {
        TokenHash hash = TokenHash.ofHex(issued.tokenHash());
        int row = newRow(issued.tokenId(), ACTIVE);
        long[] h = hashes[row >>> PAGE_BITS];
        int at = (row & (PAGE - 1)) * 4;
        h[at] = hash.a();
        h[at + 1] = hash.b();
        h[at + 2] = hash.c();
        h[at + 3] = hash.d();
        expiries[row >>> PAGE_BITS][row & (PAGE - 1)] = expiryMillis(issued.expiresAt());
        consumers[row >>> PAGE_BITS][row & (PAGE - 1)] = consumerNames.intern(issued.consumer());
        // Scope equality is by canonical form: equal scopes share one instance
        scopes[row >>> PAGE_BITS][row & (PAGE - 1)] = distinctScopes.intern(issued.scope());
        limits[row >>> PAGE_BITS][row & (PAGE - 1)] = distinctLimits.intern(issued.limits());
        byHash = insert(byHash, row, hashSlot(hash.a()), true);
        active++;
    }

    /** Epoch millis; an expiry too far away for a long of millis (a signed record can say anything) is never. */
    private static long expiryMillis(Instant expiresAt) {
        if (expiresAt == null) {
            return NEVER;
        }
        try {
            return Math.min(expiresAt.toEpochMilli(), NEVER - 1);
        } catch (ArithmeticException tooFar) {
            return expiresAt.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : NEVER;
        }
    }

    private void revoke(TokenRevoked revoked) {
        int row = idRow(revoked.tokenId());
        if (row < 0) {
            newRow(revoked.tokenId(), REVOKED); // revoked before it was ever issued: remembered, never findable
            return;
        }
        if (state(row) == ACTIVE) {
            active--;
        }
        states[row >>> PAGE_BITS][row & (PAGE - 1)] = REVOKED;
    }

    private int newRow(String tokenId, byte state) {
        int row = rows;
        if ((row & (PAGE - 1)) == 0) {
            addPage();
        }
        UUID uuid = CanonicalUuid.parse(tokenId);
        long[] idPage = ids[row >>> PAGE_BITS];
        int at = (row & (PAGE - 1)) * 2;
        if (uuid != null) {
            idPage[at] = uuid.getMostSignificantBits();
            idPage[at + 1] = uuid.getLeastSignificantBits();
        } else {
            textIds.put(row, tokenId);
        }
        states[row >>> PAGE_BITS][row & (PAGE - 1)] = state;
        rows = row + 1;
        byId = insert(byId, row, idSlot(tokenId, uuid), false);
        return row;
    }

    private void addPage() {
        hashes = grow(hashes, new long[PAGE * 4]);
        ids = grow(ids, new long[PAGE * 2]);
        expiries = grow(expiries, new long[PAGE]);
        consumers = grow(consumers, new int[PAGE]);
        scopes = grow(scopes, new int[PAGE]);
        limits = grow(limits, new int[PAGE]);
        states = grow(states, new byte[PAGE]);
    }

    /** The column's pages and one more, {@code page}: the pages already there are not copied. */
    private static <P> P[] grow(P[] pages, P page) {
        P[] more = java.util.Arrays.copyOf(pages, pages.length + 1);
        more[pages.length] = page;
        return more;
    }

    /** Inserts {@code row} into an index, doubling it first when it would be more than half full. */
    private int[] insert(int[] table, int row, int hash, boolean byHashKey) {
        int[] target = table;
        if ((rows + 1) * 2 > table.length) {
            target = new int[table.length * 2];
            for (int existing : table) {
                if (existing != 0) {
                    place(target, existing, byHashKey ? hashSlot(hashes[(existing - 1) >>> PAGE_BITS][((existing - 1) & (PAGE - 1)) * 4])
                            : idSlotOfRow(existing - 1));
                }
            }
        }
        place(target, row + 1, hash);
        return target;
    }

    private static void place(int[] table, int value, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = value;
    }

    private int hashRow(TokenHash hash) {
        int[] table = byHash;
        int mask = table.length - 1;
        for (int slot = hashSlot(hash.a()) & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            int value = table[slot];
            if (value == 0) {
                return -1;
            }
            int row = value - 1;
            long[] h = hashes[row >>> PAGE_BITS];
            int at = (row & (PAGE - 1)) * 4;
            if (h[at] == hash.a() && h[at + 1] == hash.b() && h[at + 2] == hash.c() && h[at + 3] == hash.d()) {
                return row;
            }
        }
        return -1;
    }

    private int idRow(String tokenId) {
        UUID uuid = CanonicalUuid.parse(tokenId);
        int[] table = byId;
        int mask = table.length - 1;
        for (int slot = idSlot(tokenId, uuid) & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            int value = table[slot];
            if (value == 0) {
                return -1;
            }
            int row = value - 1;
            if (uuid != null ? idHigh(row) == uuid.getMostSignificantBits() && idLow(row) == uuid.getLeastSignificantBits()
                    && (textIds.isEmpty() || !textIds.containsKey(row)) : tokenId.equals(textIds.get(row))) {
                return row;
            }
        }
        return -1;
    }

    private ActiveToken activeToken(int row) {
        if (row < 0 || state(row) != ACTIVE) {
            return null;
        }
        long expiry = expiries[row >>> PAGE_BITS][row & (PAGE - 1)];
        Scope scope = distinctScopes.get(scopes[row >>> PAGE_BITS][row & (PAGE - 1)]);
        return new ActiveToken(idOf(row), consumerNames.get(consumers[row >>> PAGE_BITS][row & (PAGE - 1)]),
                expiry == NEVER ? null : Instant.ofEpochMilli(expiry), scope,
                distinctLimits.get(limits[row >>> PAGE_BITS][row & (PAGE - 1)]));
    }

    private String idOf(int row) {
        String text = textIds.get(row);
        return text != null ? text : new UUID(idHigh(row), idLow(row)).toString();
    }

    private long idHigh(int row) {
        return ids[row >>> PAGE_BITS][(row & (PAGE - 1)) * 2];
    }

    private long idLow(int row) {
        return ids[row >>> PAGE_BITS][(row & (PAGE - 1)) * 2 + 1];
    }

    private byte state(int row) {
        return states[row >>> PAGE_BITS][row & (PAGE - 1)];
    }

    private int idSlotOfRow(int row) {
        String text = textIds.get(row);
        return text != null ? idSlot(text, null) : uuidSlot(idHigh(row), idLow(row));
    }

    /** The digest is uniformly random already: its first bits are a fine slot. */
    private static int hashSlot(long first) {
        return (int) (first ^ (first >>> 32));
    }

    private static int idSlot(String tokenId, UUID uuid) {
        UUID canonical = uuid != null ? uuid : CanonicalUuid.parse(tokenId);
        return canonical != null ? uuidSlot(canonical.getMostSignificantBits(), canonical.getLeastSignificantBits())
                : spread(tokenId.hashCode() * 0x9E3779B97F4A7C15L);
    }

    private static int uuidSlot(long high, long low) {
        return spread(high ^ low);
    }

    private static int spread(long mixed) {
        long m = mixed ^ (mixed >>> 29);
        return (int) (m ^ (m >>> 32));
    }
}
