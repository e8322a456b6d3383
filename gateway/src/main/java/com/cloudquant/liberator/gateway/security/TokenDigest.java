package com.cloudquant.liberator.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 hex of a well-formed token string, as {@code BearerToken.sha256Hex()} computes it
 * (lowercase hex over the US-ASCII bytes), without a provider lookup per request: the
 * authentication hot path runs it for every call.
 */
final class TokenDigest {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    });

    private TokenDigest() {
    }

    static String sha256Hex(String token) {
        byte[] digest = SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
