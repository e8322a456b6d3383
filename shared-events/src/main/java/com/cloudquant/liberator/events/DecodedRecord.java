package com.cloudquant.liberator.events;

import java.util.Optional;

/**
 * The outcome of decoding one Kafka record value. Decoding never throws: a consumer
 * switches on the result and keeps going.
 */
public sealed interface DecodedRecord {

    /** Kafka offset of the record. */
    long offset();

    /** The envelope, unless the record is {@link Malformed}. */
    Optional<EventEnvelope> wellFormedEnvelope();

    /** A well-formed envelope of a type this library knows. */
    record KnownEvent(long offset, EventEnvelope envelope, TokenEvent event) implements DecodedRecord {
        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.of(envelope);
        }
    }

    /**
     * A well-formed envelope of a type this library does not know (written by a newer
     * writer). Readers skip it, but it still takes its place in the hash chain.
     */
    record UnknownEvent(long offset, EventEnvelope envelope) implements DecodedRecord {
        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.of(envelope);
        }
    }

    /**
     * A well-formed {@link SigningKeyRotated}: not a token event, so token readers pass over it,
     * but the verifiers learn the new key from it once it is accepted.
     */
    record KeyRotation(long offset, EventEnvelope envelope, SigningKeyRotated rotation) implements DecodedRecord {
        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.of(envelope);
        }
    }

    /** A value that is not a valid envelope; {@code reason} says what is wrong. */
    record Malformed(long offset, String reason) implements DecodedRecord {
        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.empty();
        }
    }
}
