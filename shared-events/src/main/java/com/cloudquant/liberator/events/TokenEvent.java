package com.cloudquant.liberator.events;

import java.time.Instant;

/**
 * A change in the life of one Bearer token, as recorded in the audit log.
 *
 * <p>Every event names the token it is about, the authenticated user who caused it
 * ({@link #actor()}) and when it happened. The log carries these events inside an
 * {@link EventEnvelope}; see {@code docs/event-schema.md} for the wire format.
 */
public sealed interface TokenEvent permits TokenIssued, TokenRevoked {

    /** Stable identifier of the token (not secret; used as the Kafka record key). */
    String tokenId();

    /** Name of the authenticated user who caused this event. */
    String actor();

    /** When the change happened (UTC, millisecond precision). */
    Instant occurredAt();

    /** The envelope {@code type} under which this event is written. */
    String type();
}
