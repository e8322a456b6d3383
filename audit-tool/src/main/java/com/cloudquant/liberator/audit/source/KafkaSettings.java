package com.cloudquant.liberator.audit.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the log is and how to reach it.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            the token topic
 * @param clientConfig     optional Kafka client properties (TLS, SASL), or null
 * @param timeout          how long to wait for Kafka before giving up
 */
public record KafkaSettings(String bootstrapServers, String topic, Path clientConfig, Duration timeout) {

    public static final String DEFAULT_TOPIC = "liberator.metrics-tokens.v1";

    /** Consumer properties: the client file first, then what an audit read requires. */
    public Properties consumerProperties() {
        Properties props = new Properties();
        if (clientConfig != null) {
            try (Reader reader = Files.newBufferedReader(clientConfig)) {
                props.load(reader);
            } catch (IOException e) {
                throw new LogUnreadableException("cannot read --client-config " + clientConfig + ": " + e
                        + "; pass a readable Kafka client properties file", e);
            }
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "liberator-audit");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // An auditor reads what was committed, in order, and leaves no trace: no group, no commits.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        // Large fetches: a full replay is a bulk sequential read.
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        props.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(4 << 20));
        return props;
    }
}
