package com.cloudquant.liberator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One record of the audit log: an event plus its position in the hash chain and its
 * signature. This is the Kafka record value, encoded by {@link EventCodec}.
 *
 * <p>The {@linkplain EventCodec#canonicalBody canonical body} is the first eight fields;
 * {@code hash = SHA-256(prevHash || canonicalBody)} in lowercase hex, and
 * {@code signature} is Ed25519 over the ASCII bytes of {@code hash}, made with the key
 * named by {@code keyId}.
 *
 * @param schemaVersion envelope schema version, currently {@value #SCHEMA_VERSION}
 * @param seq           global sequence number, 1 for the first event, +1 per event
 * @param eventId       unique id of this event (UUID)
 * @param type          event type, e.g. {@code TokenIssued}; unknown types are skipped by readers
 * @param tokenId       the token the event is about (also the record key)
 * @param occurredAt    when it happened (UTC, millisecond precision)
 * @param actor         the authenticated user who caused it
 * @param data          type-specific fields; treat as read-only
 * @param prevHash      {@code hash} of the previous event, or 64 zeros for the first
 * @param hash          SHA-256 over {@code prevHash} and the canonical body
 * @param keyId         which signing key made {@code signature}
 * @param signature     base64 Ed25519 signature over {@code hash}
 */
public record EventEnvelope(
        int schemaVersion,
        long seq,
        String eventId,
        String type,
        String tokenId,
        Instant occurredAt,
        String actor,
        JsonNode data,
        String prevHash,
        String hash,
        String keyId,
        String signature) {

    /** The only schema version this library writes and accepts. */
    public static final int SCHEMA_VERSION = 1;

    /** The chain position this envelope ends at. */
    public ChainHead head() {
        return new ChainHead(seq, hash);
    }
}
