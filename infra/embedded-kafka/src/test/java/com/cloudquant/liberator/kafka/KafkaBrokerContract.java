package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour every {@link KafkaBroker} must show, proving it is a real broker and not a fake:
 * transactions with commit markers that a {@code read_committed} consumer honours.
 */
abstract class KafkaBrokerContract {

    abstract KafkaBroker broker();

    @Test
    void readCommittedConsumerSeesCommittedTransactionsButNotTheAbortedOne() {
        String topic = TokenTopic.local("contract-" + UUID.randomUUID()).createIn(broker()).name();

        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(broker())) {
            inTransaction(producer, topic, "committed-1");
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "token-2", "aborted"));
            producer.flush();
            producer.abortTransaction();
            inTransaction(producer, topic, "committed-2");
        }

        // committed-2 lies after the aborted record, so reading it means the aborted one was skipped
        assertThat(TestClients.readValues(broker(), topic, "read_committed", 2))
                .containsExactly("committed-1", "committed-2");
        assertThat(TestClients.readValues(broker(), topic, "read_uncommitted", 3))
                .containsExactly("committed-1", "aborted", "committed-2");
    }

    private static void inTransaction(KafkaProducer<String, String> producer, String topic, String value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "token-" + value, value));
        producer.commitTransaction();
    }
}
