package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogReader;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients for the audit log, all from token-log's {@link TokenLogSettings} (so the
 * pass-through TLS/SASL settings reach every one of them); every wait is bounded by
 * {@code liberator.kafka.timeout}. Reading is token-log's: there is no consumer of our own.
 */
public final class TokenLogClients {

    private final KafkaSettings settings;
    private final TokenLogSettings logSettings;

    public TokenLogClients(KafkaSettings settings) {
        this.settings = settings;
        this.logSettings = settings.tokenLog();
    }

    public KafkaSettings settings() {
        return settings;
    }

    public TokenLogSettings logSettings() {
        return logSettings;
    }

    /** Transactional, idempotent, acks=all: a record is in the log only once its transaction committed. */
    public Producer<String, byte[]> transactionalProducer() {
        return new KafkaProducer<>(transactionalProducerProperties());
    }

    /** The writer's producer settings (a test builds a producer with a fault of its own from them). */
    Properties transactionalProducerProperties() {
        String timeoutMs = String.valueOf(Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
        Properties p = logSettings.producerBaseProperties();
        // put, not putIfAbsent: what the log's integrity rests on wins over any pass-through setting
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** The committed records from {@code fromOffset} on, read with token-log's one consumer. Close it. */
    public LogReader reader(long fromOffset) {
        return LogReader.open(logSettings, fromOffset);
    }

    /**
     * A reader for a record or two at a known offset (a token's aggregate events): token-log's
     * consumer, fetching a little at a time instead of a replay's large batches. Close it.
     */
    public LogReader pointReader(long offset) {
        return LogReader.open(logSettings.forPointReads(), offset);
    }

    /** The committed records from {@code fromOffset} up to where the committed log ends now. Close it. */
    public CommittedRecords committedFrom(long fromOffset) {
        return CommittedRecords.open(logSettings, fromOffset);
    }

    public Admin admin() {
        return Admin.create(logSettings.adminProperties());
    }
}
