package com.cloudquant.liberator.tokenservice.eventstore;

/** Kafka did not confirm a write in time: nothing was recorded, so nothing happened. */
public final class TokenLogUnavailableException extends RuntimeException {
    public TokenLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
