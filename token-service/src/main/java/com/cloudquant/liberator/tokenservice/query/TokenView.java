package com.cloudquant.liberator.tokenservice.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import com.cloudquant.liberator.events.TokenLimits;
import java.time.Instant;
import java.util.Map;

/**
 * What lists and lookups show about a token: never the secret, never its hash. {@code scope}
 * is the token's scope in canonical form, null when it sees the whole slice; {@code limits} the query
 * limits it was issued with instead of the gateway's defaults, by name in canonical form as the log
 * holds them, null when it has the defaults.
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
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String scope,
        // likewise "limits":null says the gateway's defaults apply
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Map<String, String> limits) {

    /** {@code limits} as a view shows them: by name in canonical form, or null for the defaults. */
    public static Map<String, String> limits(TokenLimits limits) {
        return limits.isNone() ? null : limits.canonical();
    }
}
