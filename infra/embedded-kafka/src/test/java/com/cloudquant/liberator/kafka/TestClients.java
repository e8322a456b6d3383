package com.cloudquant.liberator.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Plain String clients configured the way the token-service and gateway use Kafka. */
final class TestClients {

    private TestClients() {
    }

    /** acks=all and idempotent, like the token-service's audit-first writes. */
    static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(producerConfig(broker), new StringSerializer(), new StringSerializer());
    }

    /** A transactional producer with a fresh transactional.id, transactions already initialised. */
    static KafkaProducer<String, String> transactionalProducer(KafkaBroker broker) {
        Map<String, Object> config = producerConfig(broker);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static Map<String, Object> producerConfig(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** No consumer group, like the gateway's projection: assign + seek to the beginning. */
    static KafkaConsumer<String, String> consumerFromStart(KafkaBroker broker, String topic, String isolationLevel) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    /** Polls until at least {@code count} values arrived; returns all values read, in order. */
    static List<String> readValues(KafkaBroker broker, String topic, String isolationLevel, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromStart(broker, topic, isolationLevel)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
                return values.size() >= count;
            });
        }
        return values;
    }
}
