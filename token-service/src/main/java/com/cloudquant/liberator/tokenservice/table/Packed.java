package com.cloudquant.liberator.tokenservice.table;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.CanonicalUuid;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The two shapes the service always writes, packed into primitives: a token id that is a
 * canonical lowercase UUID ({@link CanonicalUuid}; two longs) and a hint {@code cqm_} + 4 hex + {@code …} + 4 hex
 * ({@link BearerToken#hint()}; 32 bits). Anything else is kept as text by the table.
 */
final class Packed {

    /** A hint that is not {@code cqm_hhhh…hhhh}. */
    static final long ODD_HINT = -1;

    private static final int HINT_LENGTH = BearerToken.PREFIX.length() + 4 + 1 + 4;
    private static final char ELLIPSIS = '…';
    private static final HexFormat HEX = HexFormat.of();
    /** Per ASCII character: its value as a lowercase hex digit, or -1. */
    private static final byte[] NIBBLES = new byte[128];

    static {
        Arrays.fill(NIBBLES, (byte) -1);
        for (char c = '0'; c <= '9'; c++) {
            NIBBLES[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            NIBBLES[c] = (byte) (c - 'a' + 10);
        }
    }

    private Packed() {
    }

    static String uuid(long high, long low) {
        return new UUID(high, low).toString();
    }

    /** The hint's 8 hex digits as the low 32 bits, or {@link #ODD_HINT}. */
    static long packHint(String hint) {
        if (hint.length() != HINT_LENGTH || !hint.startsWith(BearerToken.PREFIX) || hint.charAt(8) != ELLIPSIS) {
            return ODD_HINT;
        }
        long bits = 0;
        for (int i = BearerToken.PREFIX.length(); i < HINT_LENGTH; i++) {
            if (i == 8) {
                continue;
            }
            int value = nibble(hint.charAt(i));
            if (value < 0) {
                return ODD_HINT;
            }
            bits = (bits << 4) | value;
        }
        return bits;
    }

    static String hint(int packed) {
        return BearerToken.PREFIX + HEX.toHexDigits((short) (packed >>> 16)) + ELLIPSIS + HEX.toHexDigits((short) packed);
    }

    /** A lowercase hex digit's value, or -1. */
    private static int nibble(char c) {
        return c < NIBBLES.length ? NIBBLES[c] : -1;
    }

}
