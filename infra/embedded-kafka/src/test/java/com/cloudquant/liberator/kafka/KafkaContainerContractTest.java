package com.cloudquant.liberator.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against a broker in Docker; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerContractTest extends KafkaBrokerContract {

    private static KafkaContainerBroker broker;

    @BeforeAll
    static void startContainer() {
        broker = new KafkaContainerBroker().start();
    }

    @AfterAll
    static void stopContainer() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    KafkaBroker broker() {
        return broker;
    }
}
