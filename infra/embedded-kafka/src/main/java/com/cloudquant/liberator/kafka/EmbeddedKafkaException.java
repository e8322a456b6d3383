package com.cloudquant.liberator.kafka;

/** The embedded broker could not be formatted, started or used as asked. */
public class EmbeddedKafkaException extends RuntimeException {

    EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
