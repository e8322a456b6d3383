package com.cloudquant.liberator.tokenlog;

/**
 * Kafka did not answer, or stopped delivering the topic, within the configured timeout. Says
 * nothing about the log's integrity; retrying later may succeed. The message names what to check.
 */
public final class TokenLogUnavailableException extends RuntimeException {

    public TokenLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
