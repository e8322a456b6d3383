package com.cloudquant.liberator.audit.ledger;

import java.time.Instant;

/**
 * One event in a consumer's history.
 *
 * @param offset  Kafka offset of the record
 * @param seq     chain sequence number
 * @param at      when it happened
 * @param type    {@code TokenIssued} or {@code TokenRevoked}
 * @param tokenId the token
 * @param hint    the token's hint
 * @param actor   who did it
 * @param detail  expiry of an issue, reason of a revocation; empty when none
 */
public record HistoryEntry(long offset, long seq, Instant at, String type, String tokenId, String hint,
                           String actor, String detail) {
}
