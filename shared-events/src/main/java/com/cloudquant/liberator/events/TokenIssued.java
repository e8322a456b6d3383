package com.cloudquant.liberator.events;

import com.cloudquant.liberator.promql.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A token was issued to a logical consumer. Carries only the SHA-256 of the token and
 * a short hint: the plaintext never enters the log. A scoped token sees only the series its
 * {@link Scope} admits, for its whole life: the scope is fixed here and no later event changes it.
 *
 * @param tokenId   stable token identifier
 * @param consumer  logical consumer name, {@code ^[a-z0-9][a-z0-9._-]{0,62}$}
 * @param tokenHash lowercase hex SHA-256 of the full token string
 * @param hint      display hint such as {@code cqm_1a2b…9f0e}
 * @param expiresAt when the token stops being valid, or {@code null} for never
 * @param issuedBy  the authenticated user who issued it
 * @param issuedAt  when it was issued
 * @param idempotencyKey the caller's {@code Idempotency-Key} for this issue, or {@code null}: a
 *                  retry with the same key by the same actor is answered with this token
 *                  instead of a second one ({@link #IDEMPOTENCY_KEY}: 1 to 128 visible ASCII characters)
 * @param scope     the label matchers the token is confined to; {@link Scope#NONE} (also for
 *                  {@code null}) when it sees the whole slice, as every token issued before scopes existed
 * @param limits    the query limits this token has instead of the gateway's defaults, granted by
 *                  {@code issuedBy}; {@link TokenLimits#NONE} (also for {@code null}) when it has the defaults
 */
public record TokenIssued(
        String tokenId,
        String consumer,
        String tokenHash,
        String hint,
        Instant expiresAt,
        String issuedBy,
        Instant issuedAt,
        String idempotencyKey,
        Scope scope,
        TokenLimits limits) implements TokenEvent {

    /** Envelope type name. */
    public static final String TYPE = "TokenIssued";

    /** Allowed idempotency keys: visible ASCII (no space, no control character), 1 to 128 characters. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    /** Allowed consumer names, as {@link #isConsumerName} checks them. */
    public static final Pattern CONSUMER_NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");


    public TokenIssued {
        requireText(tokenId, "tokenId");
        requireText(consumer, "consumer");
        if (!isConsumerName(consumer)) {
            throw new IllegalArgumentException("consumer must match " + CONSUMER_NAME.pattern());
        }
        requireText(tokenHash, "tokenHash");
        if (!isSha256Hex(tokenHash)) {
            throw new IllegalArgumentException("tokenHash must be 64 lowercase hex characters");
        }
        requireText(hint, "hint");
        requireText(issuedBy, "issuedBy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        issuedAt = issuedAt.truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotencyKey must match " + IDEMPOTENCY_KEY.pattern());
        }
        scope = scope == null ? Scope.NONE : scope;
        limits = limits == null ? TokenLimits.NONE : limits;
    }

    /** An issue with the gateway's default limits (every event written before overrides existed). */
    public TokenIssued(String tokenId, String consumer, String tokenHash, String hint, Instant expiresAt,
                       String issuedBy, Instant issuedAt, String idempotencyKey, Scope scope) {
        this(tokenId, consumer, tokenHash, hint, expiresAt, issuedBy, issuedAt, idempotencyKey, scope, TokenLimits.NONE);
    }

    /** An unscoped issue (every event written before scopes existed). */
    public TokenIssued(String tokenId, String consumer, String tokenHash, String hint, Instant expiresAt,
                       String issuedBy, Instant issuedAt, String idempotencyKey) {
        this(tokenId, consumer, tokenHash, hint, expiresAt, issuedBy, issuedAt, idempotencyKey, Scope.NONE, TokenLimits.NONE);
    }

    /** An issue without an idempotency key (every event written before keys existed). */
    public TokenIssued(String tokenId, String consumer, String tokenHash, String hint, Instant expiresAt,
                       String issuedBy, Instant issuedAt) {
        this(tokenId, consumer, tokenHash, hint, expiresAt, issuedBy, issuedAt, null, Scope.NONE, TokenLimits.NONE);
    }

    /** The scope in its canonical form ({@link Scope#canonical()}), if the token has one. */
    public Optional<String> canonicalScope() {
        return scope.isUnscoped() ? Optional.empty() : Optional.of(scope.canonical());
    }

    /** The caller's idempotency key, if the issue carried one. */
    public Optional<String> idempotency() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** The expiry, if the token has one. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether the token is past its expiry at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String actor() {
        return issuedBy;
    }

    @Override
    public Instant occurredAt() {
        return issuedAt;
    }

    /**
     * Whether {@code name} matches {@link #CONSUMER_NAME}: a loop, not the regex, because every
     * rebuild checks every issued token's consumer.
     */
    public static boolean isConsumerName(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** 64 lowercase hex digits (a loop, not a regex: every rebuild checks every issued token's hash). */
    private static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
