package com.cloudquant.liberator.tokenservice.eventstore;

import org.apache.kafka.clients.producer.Producer;

/**
 * Makes the writer's transactional producers: {@link TokenLogClients#transactionalProducer()}
 * in the service. A test replaces the bean to put a real fault between the writer and Kafka.
 */
@FunctionalInterface
public interface WriterProducers {

    Producer<String, byte[]> create();

    static WriterProducers of(TokenLogClients clients) {
        return clients::transactionalProducer;
    }
}
