package com.cloudquant.liberator.tokenservice.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One Bearer token's life: issued once, revoked at most once. Only decides and applies;
 * input validation and per-consumer quotas live in {@link TokenIssuance}.
 */
public class Token {

    @AggregateIdentifier
    private String tokenId;
    private boolean revoked;

    /** For Axon, which rebuilds the aggregate from its events. */
    Token() {
    }

    @CommandHandler
    Token(IssueTokenCommand command) {
        apply(new TokenIssued(command.tokenId(), command.consumer(), command.tokenHash(), command.hint(),
                command.expiresAt(), command.issuedBy(), command.issuedAt(), command.idempotencyKey(), command.scope(),
                command.limits()));
    }

    /**
     * @return whether this call revoked the token; false when it already was revoked, which is
     *         not an error: a retried DELETE must answer like the first one.
     */
    @CommandHandler
    boolean handle(RevokeTokenCommand command) {
        if (revoked) {
            return false;
        }
        apply(new TokenRevoked(tokenId, command.revokedBy(), command.revokedAt(), command.reason()));
        return true;
    }

    @EventSourcingHandler
    void on(TokenIssued event) {
        tokenId = event.tokenId();
    }

    @EventSourcingHandler
    void on(TokenRevoked event) {
        revoked = true;
    }
}
