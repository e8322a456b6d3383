package com.cloudquant.liberator.tokenlog;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * How every service reaches the token log: the same consumer and admin settings for the
 * token-service, the gateways and the audit tool.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param topic             the token topic (one partition, never compacted, never expiring)
 * @param timeout           the longest one Kafka call may take, and how long a read may stall
 * @param clientProperties  Kafka client settings passed through as they are ({@code security.protocol},
 *                          {@code ssl.*}, {@code sasl.*}, …); the settings a reader of the log
 *                          depends on always win over them
 * @param requireReplicated whether the topic must be replicated (factor ≥ 3, {@code min.insync.replicas} ≥ 2,
 *                          unclean leader election off) for the topic check to pass
 */
public record TokenLogSettings(String bootstrapServers, String topic, Duration timeout,
                               Map<String, String> clientProperties, boolean requireReplicated) {

    /** A replay is a bulk sequential read: large fetches, one signature check per verified batch. */
    private static final int REPLAY_MAX_POLL_RECORDS = 5000;
    private static final int REPLAY_FETCH_MAX_BYTES = 64 << 20;
    private static final int REPLAY_MAX_PARTITION_FETCH_BYTES = 8 << 20;

    /** A point read wants a record or two at a known offset: a little at a time. */
    private static final Map<String, String> POINT_READ = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "64",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(64 << 10),
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(1 << 20));

    /** Client ids must differ within a JVM (Kafka registers each as a JMX bean); a configured one is a prefix. */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    public TokenLogSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Kafka timeout must be positive, got " + timeout);
        }
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** Settings for a local, unreplicated topic without client security: tests and tools. */
    public static TokenLogSettings local(String bootstrapServers, String topic) {
        return new TokenLogSettings(bootstrapServers, topic, Duration.ofSeconds(5), Map.of(), false);
    }

    /** These settings with small fetches instead of a replay's large batches, for a record or two at a known offset. */
    public TokenLogSettings forPointReads() {
        Map<String, String> small = new java.util.HashMap<>(clientProperties);
        small.putAll(POINT_READ);
        return new TokenLogSettings(bootstrapServers, topic, timeout, small, requireReplicated);
    }

    /**
     * A consumer that sees committed records only, joins no group, commits nothing, never
     * creates the topic and never silently jumps: a position outside the log is an error
     * ({@code auto.offset.reset=none}), because a log that lost records is not the log we read.
     */
    public Properties readerProperties() {
        Properties p = common();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("reader"));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // views of the fetched bytes, not a copy per record (a tenth of what a rebuild allocated):
        // a fetch's bytes are never reused by the client, so a view stays valid as long as it is held
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs());
        // unless the client properties say otherwise (forPointReads), fetch as a replay does
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(REPLAY_MAX_POLL_RECORDS));
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(REPLAY_FETCH_MAX_BYTES));
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(REPLAY_MAX_PARTITION_FETCH_BYTES));
        return p;
    }

    /** An admin client for offset look-ups and topic checks. */
    public Properties adminProperties() {
        Properties p = common();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId("admin"));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs());
        return p;
    }

    /** The pass-through client settings plus the address, for a producer the caller completes. */
    public Properties producerBaseProperties() {
        return common();
    }

    /** Names the pass-through client settings but never their values: they may hold SASL passwords. */
    @Override
    public String toString() {
        return "TokenLogSettings[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", timeout=" + timeout
                + ", clientProperties=" + new java.util.TreeSet<>(clientProperties.keySet()) + ", requireReplicated="
                + requireReplicated + "]";
    }

    private String clientId(String role) {
        String prefix = clientProperties.getOrDefault(CommonClientConfigs.CLIENT_ID_CONFIG, "liberator-token-log");
        return prefix + "-" + role + "-" + CLIENTS.incrementAndGet();
    }

    private Properties common() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // come back quickly once Kafka is reachable again
        p.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.putIfAbsent(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    private String timeoutMs() {
        return Long.toString(Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
