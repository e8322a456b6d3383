package com.cloudquant.liberator.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * A Liberator metrics Bearer token: {@code cqm_} + 40 lowercase hex of randomness
 * (160 bits) + 8 lowercase hex CRC32 of the preceding 44 characters.
 *
 * <p>The checksum lets readers reject typos before any lookup and lets secret scanners
 * validate {@code cqm_[0-9a-f]{48}} candidates. Tokens are stored and compared only as
 * {@link #sha256Hex()}. {@link #toString()} shows the {@link #hint()}, never the secret;
 * only {@link #reveal()} returns it.
 */
public final class BearerToken {

    /** Every token starts with this. */
    public static final String PREFIX = "cqm_";
    /** Total length: prefix + 40 random hex + 8 checksum hex. */
    public static final int LENGTH = 52;
    private static final int RANDOM_HEX = 40;
    private static final int BODY_LENGTH = PREFIX.length() + RANDOM_HEX;
    private static final HexFormat HEX = HexFormat.of();

    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    /** A new token with 160 bits from {@code random}. */
    public static BearerToken generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_HEX / 2];
        random.nextBytes(bytes);
        String body = PREFIX + HEX.formatHex(bytes);
        return new BearerToken(body + checksum(body));
    }

    /**
     * Parses a candidate, checking prefix, length, lowercase hex and checksum, in that order.
     *
     * @throws MalformedTokenException naming the first check that failed
     */
    public static BearerToken parse(CharSequence candidate) throws MalformedTokenException {
        Rejection rejection = check(candidate);
        if (rejection != null) {
            throw new MalformedTokenException(rejection);
        }
        return new BearerToken(candidate.toString());
    }

    /** Why {@code candidate} is not a well-formed token, or {@code null} if it is. */
    public static Rejection check(CharSequence candidate) {
        if (candidate == null || candidate.length() < PREFIX.length()) {
            return Rejection.WRONG_PREFIX;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (candidate.charAt(i) != PREFIX.charAt(i)) {
                return Rejection.WRONG_PREFIX;
            }
        }
        if (candidate.length() != LENGTH) {
            return Rejection.WRONG_LENGTH;
        }
        // Every gateway request runs this before any lookup: no substrings, no formatting.
        byte[] body = new byte[BODY_LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = candidate.charAt(i);
            if (i >= PREFIX.length() && hexValue(c) < 0) {
                return Rejection.NOT_LOWERCASE_HEX;
            }
            if (i < BODY_LENGTH) {
                body[i] = (byte) c;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        long expected = crc.getValue();
        long written = 0;
        for (int i = BODY_LENGTH; i < LENGTH; i++) {
            written = (written << 4) | hexValue(candidate.charAt(i));
        }
        return written == expected ? null : Rejection.BAD_CHECKSUM;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The secret itself. Call only to hand it to its owner, once. */
    public String reveal() {
        return value;
    }

    /** Lowercase hex SHA-256 of the full token string: how the token is stored and looked up. */
    public String sha256Hex() {
        return HEX.formatHex(sha256());
    }

    /** Raw SHA-256 of the full token string. */
    public byte[] sha256() {
        return AuditChain.sha256().digest(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** A display hint such as {@code cqm_1a2b…9f0e}: prefix, 4 first and 4 last characters. */
    public String hint() {
        return PREFIX + value.substring(PREFIX.length(), PREFIX.length() + 4) + "…" + value.substring(LENGTH - 4);
    }

    @Override
    public String toString() {
        return "BearerToken[" + hint() + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BearerToken that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                        that.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    /** Why a candidate is not a well-formed token. */
    public enum Rejection {
        WRONG_PREFIX("does not start with cqm_"),
        WRONG_LENGTH("is not 52 characters long (cqm_ + 48 hex)"),
        NOT_LOWERCASE_HEX("contains characters other than lowercase hex after cqm_"),
        BAD_CHECKSUM("fails its checksum (a typo, or a truncated copy)");

        private final String description;

        Rejection(String description) {
            this.description = description;
        }

        /** Human-readable, e.g. for logs: "token does not start with cqm_". */
        public String description() {
            return description;
        }
    }

    /** A candidate string is not a well-formed token; {@link #rejection()} says why. */
    public static final class MalformedTokenException extends Exception {
        private final Rejection rejection;

        MalformedTokenException(Rejection rejection) {
            // no stack trace: this is an expected outcome on a hot path, not a bug
            super("token " + rejection.description(), null, false, false);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }
}
