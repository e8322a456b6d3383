package com.cloudquant.liberator.events;

/**
 * Why a record does not extend the verified chain.
 *
 * @param offset Kafka offset of the offending record
 * @param reason the kind of break
 * @param detail what exactly was wrong (expected vs. found)
 */
public record ChainBreak(long offset, Reason reason, String detail) {

    /** Kinds of chain breaks, in the order they are checked. */
    public enum Reason {
        /** The value is not a valid envelope. */
        MALFORMED,
        /** Written with a schema version this reader does not understand. */
        UNKNOWN_SCHEMA_VERSION,
        /** {@code hash} does not equal SHA-256(prevHash || canonical body): the record was altered. */
        HASH_MISMATCH,
        /** Signed with a key id that is not trusted. */
        UNKNOWN_KEY,
        /**
         * Signed with a trusted key that is not valid at the record's {@code seq}: a rotation
         * earlier in the chain retired it (or, for a rotation, names a key the chain already used).
         */
        RETIRED_KEY,
        /** The signature does not verify against the trusted key. */
        BAD_SIGNATURE,
        /** {@code seq} skips ahead: events are missing before this one. */
        SEQ_GAP,
        /** {@code seq} repeats or goes back: a duplicated or replayed event. */
        SEQ_REPEATED,
        /** {@code prevHash} is not the hash of the previous event. */
        PREV_HASH_MISMATCH
    }

    public ChainBreak {
        // details quote fields of the record, which whoever wrote the record chose
        detail = Printable.line(detail);
    }

    /** One line for logs and tool output. */
    public String describe() {
        return "offset " + offset + ": " + reason + " (" + detail + ")";
    }
}
