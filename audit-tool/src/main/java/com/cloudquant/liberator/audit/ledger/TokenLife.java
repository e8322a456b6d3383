package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Everything the log says about one token.
 *
 * <p>A ledger holds one of these per token ever issued (666,667 in a 1,000,000-event log), so it
 * is kept small: instants as epoch milliseconds (events carry millisecond precision), and the
 * names that repeat across tokens (consumer, actors, reasons) shared through the ledger's
 * interner instead of one copy per decoded event. That halves the tool's heap at a million events.
 */
public final class TokenLife {

    private static final long NONE = Long.MIN_VALUE;

    private final String tokenId;
    private final String consumer;
    private final String hint;
    private final String issuedBy;
    private final long issuedAt;
    private final long expiresAt;
    /** The canonical scope, or null for the whole slice; equal scopes shared like names. */
    private final String scope;
    /** The limits it was issued with instead of the gateway's defaults; {@link TokenLimits#NONE} for most. */
    private final TokenLimits limits;
    private String revokedBy;
    private long revokedAt = NONE;
    private String revokeReason;

    private TokenLife(TokenIssued e, UnaryOperator<String> shared) {
        this.tokenId = e.tokenId();
        this.consumer = shared.apply(e.consumer());
        this.hint = e.hint();
        this.issuedBy = shared.apply(e.issuedBy());
        this.issuedAt = e.issuedAt().toEpochMilli();
        this.expiresAt = e.expiresAt() == null ? NONE : e.expiresAt().toEpochMilli();
        this.scope = e.canonicalScope().map(shared).orElse(null);
        this.limits = e.limits();
    }

    static TokenLife issued(TokenIssued e, UnaryOperator<String> shared) {
        return new TokenLife(e, shared);
    }

    /** Records the revocation; the ledger applies at most one per token (revocation is final). */
    void revoke(TokenRevoked e, UnaryOperator<String> shared) {
        revokedBy = shared.apply(e.revokedBy());
        revokedAt = e.revokedAt().toEpochMilli();
        revokeReason = shared.apply(e.reason());
    }

    public String tokenId() {
        return tokenId;
    }

    /** Who it was issued to. */
    public String consumer() {
        return consumer;
    }

    /** Display hint, e.g. {@code cqm_1a2b…9f0e}. */
    public String hint() {
        return hint;
    }

    public String issuedBy() {
        return issuedBy;
    }

    public Instant issuedAt() {
        return Instant.ofEpochMilli(issuedAt);
    }

    /** {@link #issuedAt()} without making an Instant: the ledger sorts by it. */
    long issuedAtMillis() {
        return issuedAt;
    }

    /** When it expires, or null for never. */
    public Instant expiresAt() {
        return expiresAt == NONE ? null : Instant.ofEpochMilli(expiresAt);
    }

    /** Who revoked it, or null. */
    public String revokedBy() {
        return revokedBy;
    }

    /** When, or null if never revoked. */
    public Instant revokedAt() {
        return revokedAt == NONE ? null : Instant.ofEpochMilli(revokedAt);
    }

    /** The label scope it was issued with, in canonical form, or null when it sees the whole slice. */
    public String scope() {
        return scope;
    }

    /** The query limits it was issued with instead of the gateway's defaults ({@link TokenLimits#NONE}: the defaults). */
    public TokenLimits limits() {
        return limits;
    }

    /** The reason given, or null. */
    public String revokeReason() {
        return revokeReason;
    }

    public boolean isRevoked() {
        return revokedAt != NONE;
    }

    /** Valid from its issue instant, until (excluded) its revocation or expiry. */
    public boolean validAt(Instant t) {
        long at = floorMillis(t);
        return issuedAt <= at && (revokedAt == NONE || at < revokedAt) && (expiresAt == NONE || at < expiresAt);
    }

    /** Valid at some instant of {@code [from, to)}. */
    public boolean validDuring(Instant from, Instant to) {
        long start = floorMillis(from);
        long end = floorMillis(to) + (to.getNano() % 1_000_000 == 0 ? 0 : 1);
        return issuedAt < end
                && (revokedAt == NONE || revokedAt > start)
                && (expiresAt == NONE || expiresAt > start);
    }

    /** Expired (not revoked first) by {@code t}. */
    public boolean expiredAt(Instant t) {
        return expiresAt != NONE && floorMillis(t) >= expiresAt && (revokedAt == NONE || revokedAt > expiresAt);
    }

    /**
     * {@code t} in whole milliseconds, rounded down: the comparisons above then give exactly what
     * comparing the instants would, since every instant held here is a whole millisecond. Clamped,
     * so an instant far outside the epoch-millisecond range (a typo in {@code --at}) compares as
     * "after everything" or "before everything" instead of failing.
     */
    private static long floorMillis(Instant t) {
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1000 - 1) {
            return Long.MAX_VALUE - 1;
        }
        if (t.getEpochSecond() <= Long.MIN_VALUE / 1000 + 1) {
            return NONE + 1;
        }
        return t.toEpochMilli();
    }
}
