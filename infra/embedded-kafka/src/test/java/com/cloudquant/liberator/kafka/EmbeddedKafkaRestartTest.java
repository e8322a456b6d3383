package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What other teams rely on for "Kafka goes down mid-test and comes back". */
class EmbeddedKafkaRestartTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void recordsSurviveStopAndStartOnTheSamePort() throws Exception {
        String topic = KAFKA.createTokenTopic("survives-restart");
        try (KafkaProducer<String, String> producer = TestClients.producer(KAFKA.broker())) {
            for (String value : new String[] {"issued-1", "issued-2", "revoked-1"}) {
                producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
            }
        }
        String addressBefore = KAFKA.bootstrapServers();

        KAFKA.broker().stop();
        assertThat(KAFKA.broker().isRunning()).isFalse();
        KAFKA.broker().start();

        assertThat(KAFKA.bootstrapServers()).isEqualTo(addressBefore);
        assertThat(TestClients.readValues(KAFKA.broker(), topic, "read_committed", 3))
                .containsExactly("issued-1", "issued-2", "revoked-1");
    }

    @Test
    void producerCreatedBeforeTheOutageDeliversAfterTheRestart() throws Exception {
        String topic = KAFKA.createTokenTopic("producer-outlives-outage");
        try (KafkaProducer<String, String> producer = TestClients.producer(KAFKA.broker())) {
            producer.send(new ProducerRecord<>(topic, "before")).get(10, TimeUnit.SECONDS);

            KAFKA.broker().stop();
            KAFKA.broker().start();

            producer.send(new ProducerRecord<>(topic, "after")).get(30, TimeUnit.SECONDS);
        }

        assertThat(TestClients.readValues(KAFKA.broker(), topic, "read_committed", 2))
                .containsExactly("before", "after");
    }
}
