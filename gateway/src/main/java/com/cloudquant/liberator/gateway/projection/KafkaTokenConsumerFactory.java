package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.gateway.config.KafkaProperties;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain consumer without a group: every replica reads the whole log itself, and
 * read_committed so an aborted token-service transaction never grants access.
 */
@Singleton
final class KafkaTokenConsumerFactory implements TokenConsumerFactory {

    private final KafkaProperties kafka;

    KafkaTokenConsumerFactory(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    @Override
    public Consumer<byte[], byte[]> create() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "liberator-gateway-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // reconnect quickly after a broker outage: staleness ends as soon as it is back
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                // large batches: one signature check per verified run (see TokenProjector)
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
