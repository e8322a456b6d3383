package com.cloudquant.liberator.tokenservice.command;

/**
 * Thrown by the storage engine when it would seal an issue whose actor and idempotency key
 * the log already holds: the earlier issue stands, no second token is written.
 */
public final class IdempotencyKeyUsedException extends RuntimeException {

    private final String tokenId;

    public IdempotencyKeyUsedException(String tokenId) {
        super("this Idempotency-Key already issued token " + tokenId);
        this.tokenId = tokenId;
    }

    public String tokenId() {
        return tokenId;
    }
}
