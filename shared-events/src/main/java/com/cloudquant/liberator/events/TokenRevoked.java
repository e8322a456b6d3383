package com.cloudquant.liberator.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A token was revoked. Revocation is final: no later event makes the token valid again.
 *
 * @param tokenId   the revoked token
 * @param revokedBy the authenticated user who revoked it
 * @param revokedAt when it was revoked
 * @param reason    free-text reason, possibly empty (never {@code null})
 */
public record TokenRevoked(String tokenId, String revokedBy, Instant revokedAt, String reason)
        implements TokenEvent {

    /** Envelope type name. */
    public static final String TYPE = "TokenRevoked";

    public TokenRevoked {
        TokenIssued.requireText(tokenId, "tokenId");
        TokenIssued.requireText(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
        revokedAt = revokedAt.truncatedTo(ChronoUnit.MILLIS);
        reason = reason == null ? "" : reason;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String actor() {
        return revokedBy;
    }

    @Override
    public Instant occurredAt() {
        return revokedAt;
    }
}
