package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.events.TokenLimits;
import java.time.Instant;

/**
 * One event in a consumer's history.
 *
 * @param offset  Kafka offset of the record
 * @param seq     chain sequence number
 * @param at      when it happened
 * @param type    {@code TokenIssued}, {@code TokenRevoked} or {@code SigningKeyRotated}
 * @param tokenId the token ({@code -} for a rotation)
 * @param hint    the token's hint ({@code -} for a rotation)
 * @param actor   who did it
 * @param detail  expiry, scope and limits of an issue, reason of a revocation, the keys of a rotation; empty when none
 * @param scope   the token's scope in canonical form; null for an unscoped token and a rotation
 * @param limits  the token's own query limits; {@link TokenLimits#NONE} for the defaults and a rotation
 */
public record HistoryEntry(long offset, long seq, Instant at, String type, String tokenId, String hint,
                           String actor, String detail, String scope, TokenLimits limits) {
}
