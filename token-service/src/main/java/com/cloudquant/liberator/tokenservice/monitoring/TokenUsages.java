package com.cloudquant.liberator.tokenservice.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Every token's use at one instant, read once per token list; or why it is unknown.
 *
 * @param lastUsed    token id → last answered request (ids never used are absent)
 * @param requests24h token id → requests in the last 24 hours (absent = none)
 * @param at          when it was read
 * @param unusedAfter {@link MonitoringSettings#unusedAfter()}
 * @param unavailable null when read; else why not, for {@link TokenUsage#usageUnavailable()}
 */
public record TokenUsages(Map<String, Instant> lastUsed, Map<String, Long> requests24h, Instant at,
                          Duration unusedAfter, String unavailable) {

    static TokenUsages unavailable(String why, Instant at, Duration unusedAfter) {
        return new TokenUsages(Map.of(), Map.of(), at, unusedAfter, why);
    }

    /**
     * The use of one token. Unused: active, and its last use (or, never used, its issue) is older than
     * {@code unusedAfter}; a revoked or expired token is never flagged, it opens nothing any more.
     */
    public TokenUsage of(String tokenId, Instant issuedAt, boolean active) {
        if (unavailable != null) {
            return new TokenUsage(null, null, null, unavailable);
        }
        Instant last = lastUsed.get(tokenId);
        Instant since = last != null ? last : issuedAt;
        boolean unused = active && since.isBefore(at.minus(unusedAfter));
        return new TokenUsage(last, requests24h.getOrDefault(tokenId, 0L), unused, null);
    }
}
