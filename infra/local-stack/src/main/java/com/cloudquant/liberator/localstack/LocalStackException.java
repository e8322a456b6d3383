package com.cloudquant.liberator.localstack;

/** The local stack cannot start or run; the message says what to do about it. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
