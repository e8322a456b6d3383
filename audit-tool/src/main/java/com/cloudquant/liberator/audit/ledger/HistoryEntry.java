package com.cloudquant.liberator.audit.ledger;

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
 * @param detail  expiry and scope of an issue, reason of a revocation, the keys of a rotation; empty when none
 * @param scope   the token's scope in canonical form; null for an unscoped token and a rotation
 */
public record HistoryEntry(long offset, long seq, Instant at, String type, String tokenId, String hint,
                           String actor, String detail, String scope) {
}
