package com.cloudquant.liberator.tokenservice.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a token. Revoking an already revoked token changes nothing. */
public record RevokeTokenCommand(
        @TargetAggregateIdentifier String tokenId,
        String revokedBy,
        Instant revokedAt,
        String reason) {
}
