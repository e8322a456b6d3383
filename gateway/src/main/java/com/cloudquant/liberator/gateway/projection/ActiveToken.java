package com.cloudquant.liberator.gateway.projection;

import java.time.Instant;

/**
 * A token the log says is issued and not revoked. Expiry is checked per request.
 *
 * @param tokenId   stable id (safe to log)
 * @param consumer  logical consumer name (metrics tag)
 * @param expiresAt expiry, or {@code null} for never
 */
public record ActiveToken(String tokenId, String consumer, Instant expiresAt) {

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
