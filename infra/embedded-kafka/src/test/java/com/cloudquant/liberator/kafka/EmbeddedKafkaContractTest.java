package com.cloudquant.liberator.kafka;

import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaContractTest extends KafkaBrokerContract {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Override
    KafkaBroker broker() {
        return KAFKA.broker();
    }
}
