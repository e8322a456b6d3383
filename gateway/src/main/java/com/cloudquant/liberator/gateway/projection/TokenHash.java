package com.cloudquant.liberator.gateway.projection;

import java.util.HexFormat;

/**
 * A token's SHA-256 as four longs: the registry's key. 48 bytes where the 64-character hex
 * string took over 100, which is what lets a replica hold a million tokens in a small heap.
 * The registry's entries extend it, so an entry is its own key; equality is the digest's.
 */
public class TokenHash {

    private static final HexFormat HEX = HexFormat.of();

    private final long a;
    private final long b;
    private final long c;
    private final long d;

    TokenHash(long a, long b, long c, long d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    TokenHash(TokenHash other) {
        this(other.a, other.b, other.c, other.d);
    }

    /** From the 32 bytes of a SHA-256 digest. */
    public static TokenHash of(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
        }
        return new TokenHash(longAt(sha256, 0), longAt(sha256, 8), longAt(sha256, 16), longAt(sha256, 24));
    }

    /** From 64 hex characters, as events carry it ({@code tokenHash}). */
    public static TokenHash ofHex(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 digest has 64 hex characters, got " + hex.length());
        }
        return new TokenHash(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
                HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    private static long longAt(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    long a() {
        return a;
    }

    long b() {
        return b;
    }

    long c() {
        return c;
    }

    long d() {
        return d;
    }

    /** The first 12 hex characters: enough to find the token in the log, far too little to guess it. */
    public final String prefix() {
        return HEX.toHexDigits(a).substring(0, 12);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof TokenHash h && a == h.a && b == h.b && c == h.c && d == h.d;
    }

    @Override
    public final int hashCode() {
        // the digest is uniformly random already
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public String toString() {
        return "TokenHash[" + prefix() + "…]";
    }
}
