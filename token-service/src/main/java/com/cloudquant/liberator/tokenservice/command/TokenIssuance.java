package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenservice.config.TokenPolicySettings;
import com.cloudquant.liberator.tokenservice.query.TokenDirectory;
import com.cloudquant.liberator.tokenservice.query.TokenStatus;
import com.cloudquant.liberator.tokenservice.query.TokenView;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and revokes tokens: checks the request against policy, sends the command, and
 * answers only once the event is committed to the log. The storage engine records it in the
 * token table the directory reads before the command returns, so the answer shows it.
 */
@Singleton
public class TokenIssuance {

    private static final Logger LOG = LoggerFactory.getLogger(TokenIssuance.class);

    /** The expiry an error message suggests, from now: see exampleExpiry. */
    private static final Duration EXAMPLE_LIFETIME = Duration.ofDays(90);

    private final CommandGateway commands;
    private final IssueLedger ledger;
    private final TokenDirectory directory;
    private final TokenPolicySettings policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenIssuance(CommandGateway commands, IssueLedger ledger, TokenDirectory directory, TokenPolicySettings policy,
                         Clock clock) {
        this.commands = commands;
        this.ledger = ledger;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Serialised so that two concurrent requests cannot both pass the per-consumer quota. With an
     * {@code idempotencyKey} that {@code actor} already issued a token with, that token is
     * returned without its secret (a replay), and nothing is written. {@code scope} is the token's
     * for good ({@link Scope#NONE}: the whole slice): no call changes it later.
     */
    public IssuedToken issue(String consumer, Instant expiresAt, Scope scope, String actor, String idempotencyKey) {
        return issue(consumer, expiresAt, scope, TokenLimits.NONE, actor, idempotencyKey);
    }

    /**
     * As above, with {@code limits} the token has instead of the gateway's defaults ({@link TokenLimits#NONE}:
     * the defaults), granted by {@code actor} and recorded in the event; like the scope, no call changes them.
     */
    public synchronized IssuedToken issue(String consumer, Instant expiresAt, Scope scope, TokenLimits limits,
                                          String actor, String idempotencyKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        requireValid(consumer, expiresAt, now);
        requireValidKey(idempotencyKey);
        if (idempotencyKey != null) {
            // the log to its end first: the earlier attempt may have committed after its answer was lost
            ledger.requireCurrent();
            Optional<String> earlier = ledger.issuedWith(actor, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), consumer, expiresAt, scope, limits, actor);
            }
        }
        long active = directory.activeCount(consumer);
        if (active >= policy.maxActivePerConsumer()) {
            LOG.info("decision=issue-refused reason=quota consumer={} active={} actor={}", consumer, active, Printable.value(actor));
            throw new TooManyActiveTokensException(consumer, active, policy.maxActivePerConsumer());
        }
        BearerToken token = BearerToken.generate(random);
        String id = UUID.randomUUID().toString();
        try {
            CommandFailures.unwrap(() -> commands.sendAndWait(new IssueTokenCommand(id, consumer, token.sha256Hex(),
                    token.hint(), expiresAt, actor, now, idempotencyKey, scope, limits)));
        } catch (IdempotencyKeyUsedException e) {
            // the engine found the key in the log while sealing: the earlier issue stands
            return replay(e.tokenId(), consumer, expiresAt, scope, limits, actor);
        }
        LOG.info("decision=issued tokenId={} hint={} consumer={} actor={} idempotencyKey={} scope={} limits={}", id,
                token.hint(), consumer, Printable.value(actor), idempotencyKey != null,
                scope.isUnscoped() ? "-" : Printable.value(scope.canonical()), Printable.value(limits.summary()));
        // committed: the caller gets the token whatever the directory says, or it would be lost
        TokenView committed = new TokenView(id, consumer, token.hint(), TokenStatus.active, actor, now,
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS), null, null, canonical(scope),
                TokenView.limits(limits));
        return new IssuedToken(directory.find(id).orElse(committed), token.reveal());
    }

    private IssuedToken replay(String tokenId, String consumer, Instant expiresAt, Scope scope, TokenLimits limits,
                               String actor) {
        TokenView earlier = directory.find(tokenId).orElseThrow(() -> new IllegalStateException(
                "token " + tokenId + " is in the log but not in the token table; retry shortly"));
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
        // a retry asking for another scope or other limits must not get a token that sees or may do more (or less)
        if (!earlier.consumer().equals(consumer) || !Objects.equals(earlier.expiresAt(), expiry)
                || !Objects.equals(earlier.scope(), canonical(scope))
                || !Objects.equals(earlier.limits(), TokenView.limits(limits))) {
            LOG.info("decision=issue-refused reason=idempotency-key-reused tokenId={} actor={}", tokenId, Printable.value(actor));
            throw new IdempotencyKeyConflictException(tokenId, earlier.consumer());
        }
        LOG.info("decision=issue-replayed tokenId={} hint={} consumer={} actor={}", tokenId, earlier.hint(), consumer,
                Printable.value(actor));
        return IssuedToken.replayed(earlier);
    }

    /** The scope as lists show it: canonical, or null for the whole slice. */
    private static String canonical(Scope scope) {
        return scope.isUnscoped() ? null : scope.canonical();
    }

    /** Revokes; a token already revoked is returned unchanged. */
    public TokenView revoke(String tokenId, String actor, String reason) {
        Boolean changed;
        try {
            changed = CommandFailures.retryOnceOnConcurrency(tokenId, () -> commands.sendAndWait(
                    new RevokeTokenCommand(tokenId, actor, clock.instant(), reason)));
        } catch (AggregateNotFoundException e) {
            throw new TokenNotFoundException(tokenId);
        }
        LOG.info("decision={} tokenId={} actor={}", Boolean.TRUE.equals(changed) ? "revoked" : "already-revoked",
                tokenId, Printable.value(actor));
        return directory.find(tokenId).orElseThrow(() -> new IllegalStateException(
                "token " + tokenId + " is revoked in the log but not in the token table; list again shortly"));
    }

    private static void requireValidKey(String idempotencyKey) {
        if (idempotencyKey != null && !TokenIssued.IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidTokenRequestException("Idempotency-Key", "the Idempotency-Key header must be 1 to 128"
                    + " visible ASCII characters (no spaces or control characters), e.g. a UUID such as \""
                    + UUID.randomUUID() + "\"; send the same key again only to retry the same request");
        }
    }

    /** An expiry the caller could send: a quarter of a year (a common rotation period), within the maximum lifetime. */
    private Instant exampleExpiry(Instant now) {
        Duration lifetime = EXAMPLE_LIFETIME.compareTo(policy.maxLifetime()) < 0 ? EXAMPLE_LIFETIME : policy.maxLifetime();
        return now.plus(lifetime);
    }

    private void requireValid(String consumer, Instant expiresAt, Instant now) {
        if (!TokenIssued.isConsumerName(consumer)) {
            throw new InvalidTokenRequestException("consumer", "consumer must be a logical consumer name matching "
                    + TokenIssued.CONSUMER_NAME.pattern() + " (lowercase letters, digits, '.', '_', '-'; up to 63"
                    + " characters), e.g. \"grafana-prod\"");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidTokenRequestException("expiresAt", "expiresAt " + expiresAt + " is not in the future: give"
                    + " a later ISO-8601 instant such as \"" + exampleExpiry(now) + "\", or omit it for no expiry");
        }
        if (expiresAt != null && expiresAt.isAfter(now.plus(policy.maxLifetime()))) {
            throw new InvalidTokenRequestException("expiresAt", "expiresAt " + expiresAt + " is further away than the"
                    + " maximum lifetime of " + policy.maxLifetime().toDays() + " days (liberator.tokens.max-lifetime):"
                    + " choose an instant before " + now.plus(policy.maxLifetime()));
        }
    }
}
