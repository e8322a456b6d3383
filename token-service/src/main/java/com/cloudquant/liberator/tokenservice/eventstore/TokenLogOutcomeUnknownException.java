package com.cloudquant.liberator.tokenservice.eventstore;

import java.util.List;

/**
 * A write whose commit Kafka neither confirmed nor refused: the coordinator may still complete
 * it. Never reported as "nothing was recorded". The service reads the log to its end before
 * its next write, so the answer to {@code GET /api/v1/tokens/{id}} (or a retry with the same
 * {@code Idempotency-Key}) tells the caller what happened.
 */
public final class TokenLogOutcomeUnknownException extends RuntimeException {

    private final List<String> tokenIds;

    TokenLogOutcomeUnknownException(List<String> tokenIds, String message, Throwable cause) {
        super(message, cause);
        this.tokenIds = List.copyOf(tokenIds);
    }

    /** The tokens the write was about: look each up to learn the outcome. */
    public List<String> tokenIds() {
        return tokenIds;
    }
}
