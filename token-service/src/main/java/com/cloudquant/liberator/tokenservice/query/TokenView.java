package com.cloudquant.liberator.tokenservice.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What lists and lookups show about a token: never the secret, never its hash. */
@Serdeable
public record TokenView(
        String id,
        String consumer,
        String hint,
        TokenStatus status,
        String issuedBy,
        Instant issuedAt,
        @Nullable Instant expiresAt,
        @Nullable String revokedBy,
        @Nullable Instant revokedAt) {
}
