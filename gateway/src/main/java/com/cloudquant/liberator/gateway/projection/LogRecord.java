package com.cloudquant.liberator.gateway.projection;

/**
 * One record of the token topic as read from Kafka.
 *
 * @param offset Kafka offset
 * @param value  record value (an encoded envelope, or garbage)
 */
public record LogRecord(long offset, byte[] value) {
}
