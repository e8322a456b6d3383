package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;

/**
 * Everything the log says about one token.
 *
 * @param tokenId      the token's id
 * @param consumer     who it was issued to
 * @param hint         display hint, e.g. {@code cqm_1a2b…9f0e}
 * @param issuedBy     who issued it
 * @param issuedAt     when
 * @param expiresAt    when it expires, or null for never
 * @param revokedBy    who revoked it, or null
 * @param revokedAt    when, or null if never revoked
 * @param revokeReason the reason given, or null
 * @param scope        the label selector it was confined to, in canonical form, or null for none
 */
public record TokenLife(String tokenId, String consumer, String hint, String issuedBy, Instant issuedAt,
                        Instant expiresAt, String revokedBy, Instant revokedAt, String revokeReason, String scope) {

    static TokenLife issued(TokenIssued e) {
        return new TokenLife(e.tokenId(), e.consumer(), e.hint(), e.issuedBy(), e.issuedAt(), e.expiresAt(),
                null, null, null, e.canonicalScope().orElse(null));
    }

    TokenLife revoked(TokenRevoked e) {
        return new TokenLife(tokenId, consumer, hint, issuedBy, issuedAt, expiresAt,
                e.revokedBy(), e.revokedAt(), e.reason(), scope);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Valid from its issue instant, until (excluded) its revocation or expiry. */
    public boolean validAt(Instant t) {
        return !issuedAt.isAfter(t)
                && (revokedAt == null || t.isBefore(revokedAt))
                && (expiresAt == null || t.isBefore(expiresAt));
    }

    /** Valid at some instant of {@code [from, to)}. */
    public boolean validDuring(Instant from, Instant to) {
        return issuedAt.isBefore(to)
                && (revokedAt == null || revokedAt.isAfter(from))
                && (expiresAt == null || expiresAt.isAfter(from));
    }

    /** Expired (not revoked first) by {@code t}. */
    public boolean expiredAt(Instant t) {
        return expiresAt != null && !t.isBefore(expiresAt) && (revokedAt == null || revokedAt.isAfter(expiresAt));
    }
}
