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
        detail = printable(detail);
    }

    /**
     * {@code text} safe to put on one log line: control characters (CR, LF, …) are written
     * as a backslash-u escape with four hex digits, so a record cannot forge log lines.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One line for logs and tool output. */
    public String describe() {
        return "offset " + offset + ": " + reason + " (" + detail + ")";
    }
}
