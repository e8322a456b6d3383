package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
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

    private final CommandGateway commands;
    private final TokenDirectory directory;
    private final TokenPolicySettings policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenIssuance(CommandGateway commands, TokenDirectory directory, TokenPolicySettings policy, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /** Serialised so that two concurrent requests cannot both pass the per-consumer quota. */
    public synchronized IssuedToken issue(String consumer, Instant expiresAt, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        requireValid(consumer, expiresAt, now);
        long active = directory.activeCount(consumer);
        if (active >= policy.maxActivePerConsumer()) {
            LOG.info("decision=issue-refused reason=quota consumer={} active={} actor={}", consumer, active, actor);
            throw new TooManyActiveTokensException(consumer, active, policy.maxActivePerConsumer());
        }
        BearerToken token = BearerToken.generate(random);
        String id = UUID.randomUUID().toString();
        CommandFailures.unwrap(() -> commands.sendAndWait(
                new IssueTokenCommand(id, consumer, token.sha256Hex(), token.hint(), expiresAt, actor, now)));
        LOG.info("decision=issued tokenId={} hint={} consumer={} actor={}", id, token.hint(), consumer, actor);
        // committed: the caller gets the token whatever the directory says, or it would be lost
        TokenView committed = new TokenView(id, consumer, token.hint(), TokenStatus.active, actor, now,
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS), null, null);
        return new IssuedToken(directory.find(id).orElse(committed), token.reveal());
    }

    /** Revokes; a token already revoked is returned unchanged. */
    public TokenView revoke(String tokenId, String actor, String reason) {
        Boolean changed;
        try {
            changed = CommandFailures.unwrap(() -> commands.sendAndWait(
                    new RevokeTokenCommand(tokenId, actor, clock.instant(), reason)));
        } catch (AggregateNotFoundException e) {
            throw new TokenNotFoundException(tokenId);
        }
        LOG.info("decision={} tokenId={} actor={}", Boolean.TRUE.equals(changed) ? "revoked" : "already-revoked",
                tokenId, actor);
        return directory.find(tokenId).orElseThrow(() -> new IllegalStateException(
                "token " + tokenId + " is revoked in the log but not in the token table; list again shortly"));
    }

    private void requireValid(String consumer, Instant expiresAt, Instant now) {
        if (consumer == null || !TokenIssued.CONSUMER_NAME.matcher(consumer).matches()) {
            throw new InvalidTokenRequestException("consumer", "consumer must be a logical consumer name matching "
                    + TokenIssued.CONSUMER_NAME.pattern() + " (lowercase letters, digits, '.', '_', '-'; up to 63"
                    + " characters), e.g. \"grafana-prod\"");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidTokenRequestException("expiresAt", "expiresAt " + expiresAt + " is not in the future: give"
                    + " a later ISO-8601 instant such as \"" + now.plus(Duration.ofDays(90)) + "\", or omit it for no expiry");
        }
        if (expiresAt != null && expiresAt.isAfter(now.plus(policy.maxLifetime()))) {
            throw new InvalidTokenRequestException("expiresAt", "expiresAt " + expiresAt + " is further away than the"
                    + " maximum lifetime of " + policy.maxLifetime().toDays() + " days (liberator.tokens.max-lifetime):"
                    + " choose an instant before " + now.plus(policy.maxLifetime()));
        }
    }
}
