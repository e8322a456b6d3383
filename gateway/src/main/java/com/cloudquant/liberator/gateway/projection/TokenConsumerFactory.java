package com.cloudquant.liberator.gateway.projection;

import org.apache.kafka.clients.consumer.Consumer;

/** Makes the consumer the topic reader owns; tests hand in a MockConsumer. */
@FunctionalInterface
public interface TokenConsumerFactory {
    Consumer<byte[], byte[]> create();
}
