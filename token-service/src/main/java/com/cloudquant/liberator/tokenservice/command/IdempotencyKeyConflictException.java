package com.cloudquant.liberator.tokenservice.command;

/** The Idempotency-Key was already used by this actor for a different request. */
public final class IdempotencyKeyConflictException extends RuntimeException {
    public IdempotencyKeyConflictException(String tokenId, String consumer) {
        super("this Idempotency-Key was already used for token " + tokenId + " issued to consumer '" + consumer
                + "' with other settings: send a new key for a new token, or the same request to get that token's id");
    }
}
