package com.cloudquant.liberator.audit.source;

/**
 * One record value as read from the topic, before any decoding.
 *
 * @param offset Kafka offset of the record
 * @param value  the record value (the event envelope), possibly null for a tombstone
 */
public record RawRecord(long offset, byte[] value) {
}
