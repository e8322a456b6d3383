package com.cloudquant.liberator.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides whether a record's {@code hash} is SHA-256 over its {@code prevHash} and its body.
 *
 * <p>A record the encoder wrote holds the canonical body already: its twelve fields in sorted
 * order, of which the body is all but {@code hash, keyId} (adjacent), {@code prevHash} and
 * {@code signature}. So the body is hashed straight from the record's bytes with those four
 * members left out, instead of rebuilding it from the decoded fields (which costs more than
 * the rest of decoding on a rebuild of a long log). Only when that does not give the record's
 * hash (a value laid out some other way: extra fields, whitespace, another order) is the body
 * rebuilt as {@link AuditChain#hashOf} does, so every record gets the same verdict as before.
 *
 * <p>Why accepting the bytes' own hash is sound: the members left are the bytes that were
 * hashed, and they are the bytes the fields were decoded from (removing whole members from a
 * JSON object does not change the others). A signature over the hash therefore vouches for
 * exactly the decoded content, whichever way those bytes are laid out; only the key's holder
 * could have signed a hash over a body the encoder would not write.
 */
final class BodyHash {

    private static final int HASH = 3;
    private static final int OCCURRED_AT = 5;
    private static final int PREV_HASH = 6;
    private static final int SCHEMA_VERSION = 7;
    private static final int SIGNATURE = 9;
    private static final int TOKEN_ID = 10;

    private BodyHash() {
    }

    /**
     * @param value       holds the record value {@code envelope} was decoded from, in its first {@code length} bytes
     * @param nameOffsets where each field's name starts, in {@link EnvelopeReader#FIELD_ORDER};
     *                    null when the value is not laid out that way
     */
    static boolean matches(byte[] value, int length, int[] nameOffsets, EventEnvelope envelope) {
        if (nameOffsets != null && hashedInPlace(value, length, nameOffsets, envelope)) {
            return true;
        }
        return AuditChain.hashOf(envelope).equals(envelope.hash());
    }

    /** Whether the value, laid out as the encoder writes it, hashes to its {@code hash}. */
    static boolean hashedInPlace(byte[] value, int length, int[] at, EventEnvelope envelope) {
        if (value[0] != '{' || at[0] != 1) {
            return false;
        }
        for (int i = 1; i < at.length; i++) {
            if (value[at[i] - 1] != ',' || value[at[i]] != '"') {
                return false;
            }
        }
        MessageDigest sha256 = AuditChain.sha256();
        sha256.update(envelope.prevHash().getBytes(StandardCharsets.US_ASCII));
        // each kept stretch starts at the comma before its first member and ends before the
        // comma of the first member left out
        sha256.update(value, 0, at[HASH] - 1);
        sha256.update(value, at[OCCURRED_AT] - 1, at[PREV_HASH] - at[OCCURRED_AT]);
        sha256.update(value, at[SCHEMA_VERSION] - 1, at[SIGNATURE] - at[SCHEMA_VERSION]);
        sha256.update(value, at[TOKEN_ID] - 1, length - at[TOKEN_ID] + 1);
        return isLowercaseHexOf(sha256.digest(), envelope.hash());
    }

    /** Whether {@code hex} is {@code bytes} in lowercase hex, as {@link java.util.HexFormat} writes it, without building that string. */
    static boolean isLowercaseHexOf(byte[] bytes, String hex) {
        if (hex.length() != bytes.length * 2) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (hex.charAt(2 * i) != DIGITS[(bytes[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != DIGITS[bytes[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
}
