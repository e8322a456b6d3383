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

    /**
     * Whether the envelope's {@code hash} is what its {@code prevHash} and body hash to
     * (decided once, when decoding); false for a {@link Malformed} record.
     */
    boolean hashMatches();

    /**
     * A well-formed envelope of a type this library knows.
     *
     * @param hashMatches see {@link DecodedRecord#hashMatches()}
     */
    record KnownEvent(long offset, EventEnvelope envelope, TokenEvent event, boolean hashMatches)
            implements DecodedRecord {

        /** An event built in memory rather than decoded: its hash is checked from its fields. */
        public KnownEvent(long offset, EventEnvelope envelope, TokenEvent event) {
            this(offset, envelope, event, AuditChain.hashOf(envelope).equals(envelope.hash()));
        }

        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.of(envelope);
        }
    }

    /**
     * A well-formed envelope of a type this library does not know (written by a newer
     * writer). Readers skip it, but it still takes its place in the hash chain.
     *
     * @param hashMatches see {@link DecodedRecord#hashMatches()}
     */
    record UnknownEvent(long offset, EventEnvelope envelope, boolean hashMatches) implements DecodedRecord {

        /** An envelope built in memory rather than decoded: its hash is checked from its fields. */
        public UnknownEvent(long offset, EventEnvelope envelope) {
            this(offset, envelope, AuditChain.hashOf(envelope).equals(envelope.hash()));
        }

        @Override
        public Optional<EventEnvelope> wellFormedEnvelope() {
            return Optional.of(envelope);
        }
    }

    /**
     * A well-formed {@link SigningKeyRotated}: not a token event, so token readers pass over it,
     * but the verifiers learn the new key from it once it is accepted.
     */
    record KeyRotation(long offset, EventEnvelope envelope, SigningKeyRotated rotation, boolean hashMatches)
            implements DecodedRecord {

        /** A rotation built in memory rather than decoded: its hash is checked from its fields. */
        public KeyRotation(long offset, EventEnvelope envelope, SigningKeyRotated rotation) {
            this(offset, envelope, rotation, AuditChain.hashOf(envelope).equals(envelope.hash()));
        }

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

        @Override
        public boolean hashMatches() {
            return false;
        }
    }
}
