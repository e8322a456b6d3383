package com.cloudquant.liberator.audit.source;

/**
 * The log or the material needed to check it could not be read (Kafka unreachable, topic
 * missing, bad client configuration or key file). Says nothing about the log's integrity;
 * the message names what to fix.
 */
public final class LogUnreadableException extends RuntimeException {

    public LogUnreadableException(String message) {
        super(message);
    }

    public LogUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
