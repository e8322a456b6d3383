package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.promql.Scope;
import java.time.Instant;

/**
 * A token the log says is issued and not revoked. Expiry is checked per request.
 *
 * @param tokenId   stable id (safe to log)
 * @param consumer  logical consumer name (metrics tag)
 * @param expiresAt expiry, or {@code null} for never
 * @param scope     the series the token may see, fixed when it was issued; {@link Scope#NONE}
 *                  for the whole slice. The one accessor the proxy code reads a request's scope from
 * @param limits    the query limits the token was issued with instead of the gateway's defaults;
 *                  {@link TokenLimits#NONE} when it has the defaults
 */
public record ActiveToken(String tokenId, String consumer, Instant expiresAt, Scope scope, TokenLimits limits) {

    /** A token with the gateway's default limits. */
    public ActiveToken(String tokenId, String consumer, Instant expiresAt, Scope scope) {
        this(tokenId, consumer, expiresAt, scope, TokenLimits.NONE);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether the token sees only part of the data. */
    public boolean isScoped() {
        return !scope.isUnscoped();
    }
}
