package com.cloudquant.liberator.tokenservice.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What lists and lookups show about a token: never the secret, never its hash. {@code scope}
 * is the token's scope in canonical form, null when it sees the whole slice.
 */
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
        @Nullable Instant revokedAt,
        // null, not left out, for an unscoped token: "scope":null says it sees the whole slice
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String scope) {
}
