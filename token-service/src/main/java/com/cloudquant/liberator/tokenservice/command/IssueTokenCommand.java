package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.promql.Scope;
import java.time.Instant;

/**
 * Issue a new token. Carries only the hash and hint of the secret: the plaintext stays with
 * the HTTP call that generated it and never enters Axon, the log or the read model.
 * {@code idempotencyKey} is the caller's {@code Idempotency-Key}, or null; {@code scope} is
 * fixed here for the token's whole life ({@link Scope#NONE}: the whole slice), and so are {@code limits},
 * the query limits it has instead of the gateway's defaults ({@link TokenLimits#NONE}: the defaults).
 */
public record IssueTokenCommand(
        String tokenId,
        String consumer,
        String tokenHash,
        String hint,
        Instant expiresAt,
        String issuedBy,
        Instant issuedAt,
        String idempotencyKey,
        Scope scope,
        TokenLimits limits) {

    /** An issue with the gateway's default limits. */
    public IssueTokenCommand(String tokenId, String consumer, String tokenHash, String hint, Instant expiresAt,
                             String issuedBy, Instant issuedAt, String idempotencyKey, Scope scope) {
        this(tokenId, consumer, tokenHash, hint, expiresAt, issuedBy, issuedAt, idempotencyKey, scope, TokenLimits.NONE);
    }
}
