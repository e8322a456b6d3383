package com.cloudquant.liberator.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a well-formed token string, as {@code BearerToken.sha256Hex()} computes it (over
 * the US-ASCII bytes), without a provider lookup per request: the authentication hot path
 * runs it for every call.
 */
final class TokenDigest {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    });

    private TokenDigest() {
    }

    /** The 32 bytes of SHA-256 over the token's US-ASCII bytes. */
    static byte[] sha256(String token) {
        return SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
    }
}
