package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projection: token hash → the active token. Written by the log reader thread only,
 * read by every request thread. The rules of what an event changes are token-log's
 * {@link TokenFold}; this class only stores the outcome, compactly: a hash is four longs,
 * an id (a UUID, as the token-service writes them) two, and nothing is kept that a request
 * does not need. Expired entries are dropped by {@link #dropExpired}; their ids are
 * remembered, so a second issue of the same id still changes nothing.
 */
@Singleton
public final class ValidTokenRegistry {

    /** The standing of an id whose entry was dropped or revoked. */
    private static final Entry REVOKED = new Entry(TokenHash.ofHex("0".repeat(64)), 0, 0, "(revoked)", null, 0);
    private static final Entry EXPIRED = new Entry(TokenHash.ofHex("0".repeat(64)), 0, 0, "(expired)", null, 0);

    /** Each entry is its own key (an entry is a {@link TokenHash}). */
    private final Map<TokenHash, Entry> activeByHash = new ConcurrentHashMap<>();
    private final Map<TokenId, Entry> byId = new ConcurrentHashMap<>();
    private final Set<TokenHash> revokedHashes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> consumers = new ConcurrentHashMap<>();

    /** The active token whose SHA-256 is {@code hash}, expired or not. */
    public Optional<ActiveToken> find(TokenHash hash) {
        Entry entry = activeByHash.get(hash);
        return entry == null ? Optional.empty() : Optional.of(entry.toActiveToken());
    }

    /** Whether {@code hash} belonged to a token that was revoked (for the failure reason only). */
    public boolean wasRevoked(TokenHash hash) {
        return revokedHashes.contains(hash);
    }

    /** Number of active (issued, not revoked, not yet dropped as expired) tokens. */
    public int size() {
        return activeByHash.size();
    }

    /** Where {@code tokenId} stands, for {@link TokenFold#decide}. */
    public TokenFold.Standing standing(String tokenId) {
        Entry entry = byId.get(TokenId.of(tokenId));
        if (entry == null) {
            return TokenFold.Standing.UNKNOWN;
        }
        return entry == REVOKED ? TokenFold.Standing.REVOKED : TokenFold.Standing.ISSUED;
    }

    /** Applies what the fold decided. Only {@link TokenProjector} (and benchmarks) call this. */
    public void apply(TokenFold.Change change) {
        if (change instanceof TokenFold.Issue issue) {
            issue(issue.event());
        } else if (change instanceof TokenFold.Revoke revoke) {
            revoke(revoke.event());
        }
    }

    private void issue(TokenIssued issued) {
        TokenHash hash = TokenHash.ofHex(issued.tokenHash());
        TokenId id = TokenId.of(issued.tokenId());
        Entry entry = new Entry(hash, id.high, id.low, id.text, consumers.computeIfAbsent(issued.consumer(), c -> c),
                issued.expiresAt() == null ? Long.MAX_VALUE : issued.expiresAt().toEpochMilli());
        byId.put(id, entry);
        activeByHash.put(entry, entry);
    }

    private void revoke(TokenRevoked revoked) {
        Entry previous = byId.put(TokenId.of(revoked.tokenId()), REVOKED);
        if (previous != null && previous != REVOKED && previous != EXPIRED) {
            revokedHashes.add(new TokenHash(previous));
            activeByHash.remove(previous);
        }
    }

    /** Drops tokens expired by {@code now}; returns how many. Their ids stay known. */
    public int dropExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        int[] dropped = {0};
        activeByHash.values().removeIf(entry -> {
            if (entry.expiresAtMillis > nowMillis) {
                return false;
            }
            byId.replace(new TokenId(entry.idHigh, entry.idLow, entry.idText), entry, EXPIRED);
            dropped[0]++;
            return true;
        });
        return dropped[0];
    }

    /** One token as stored: its hash (it is one), the id in two longs (or as text), the shared consumer name, the expiry. */
    private static final class Entry extends TokenHash {
        private final long idHigh;
        private final long idLow;
        private final String idText;
        private final String consumer;
        private final long expiresAtMillis;

        Entry(TokenHash hash, long idHigh, long idLow, String idText, String consumer, long expiresAtMillis) {
            super(hash);
            this.idHigh = idHigh;
            this.idLow = idLow;
            this.idText = idText;
            this.consumer = consumer;
            this.expiresAtMillis = expiresAtMillis;
        }

        ActiveToken toActiveToken() {
            String id = idText != null ? idText : new UUID(idHigh, idLow).toString();
            return new ActiveToken(id, consumer, expiresAtMillis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(expiresAtMillis));
        }
    }

    /** A token id: a UUID in its canonical lowercase form as two longs, anything else as text. */
    private record TokenId(long high, long low, String text) {
        static TokenId of(String id) {
            if (id.length() == 36) {
                try {
                    UUID uuid = UUID.fromString(id);
                    if (uuid.toString().equals(id)) {
                        return new TokenId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), null);
                    }
                } catch (IllegalArgumentException e) {
                    // not a UUID: kept as text below
                }
            }
            return new TokenId(0, 0, id);
        }
    }
}
