package com.cloudquant.liberator.audit.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the token topic from offset 0 with {@code assign} + {@code seekToBeginning} (no
 * consumer group, nothing committed) up to the end offset seen at start.
 */
public final class KafkaRecordBatches implements RecordBatches {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final long endOffset;
    private final KafkaSettings settings;

    private KafkaRecordBatches(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
            long endOffset, KafkaSettings settings) {
        this.consumer = consumer;
        this.partition = partition;
        this.endOffset = endOffset;
        this.settings = settings;
    }

    /** Connects, checks the topic has exactly one partition and fixes the end offset. */
    public static KafkaRecordBatches open(KafkaSettings settings) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties());
        try {
            TopicPartition partition = onlyPartition(consumer, settings);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
            return new KafkaRecordBatches(consumer, partition, end, settings);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new LogUnreadableException(unreachable(settings, e), e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private static TopicPartition onlyPartition(KafkaConsumer<byte[], byte[]> consumer, KafkaSettings settings) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(settings.timeout());
        List<PartitionInfo> partitions = topics.get(settings.topic());
        if (partitions == null || partitions.isEmpty()) {
            throw new LogUnreadableException("topic " + settings.topic() + " does not exist on "
                    + settings.bootstrapServers() + "; check --topic (existing: " + topics.keySet() + ")");
        }
        if (partitions.size() != 1) {
            throw new LogUnreadableException("topic " + settings.topic() + " has " + partitions.size()
                    + " partitions; the token log has exactly one (a total order), so this is not it: check --topic");
        }
        return new TopicPartition(settings.topic(), partitions.get(0).partition());
    }

    @Override
    public long endOffset() {
        return endOffset;
    }

    @Override
    public List<RawRecord> next() {
        long lastProgress = System.nanoTime();
        try {
            while (consumer.position(partition) < endOffset) {
                List<RawRecord> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    if (record.offset() < endOffset) {
                        batch.add(new RawRecord(record.offset(), record.value()));
                    }
                }
                if (!batch.isEmpty()) {
                    return batch;
                }
                if (Duration.ofNanos(System.nanoTime() - lastProgress).compareTo(settings.timeout()) > 0) {
                    throw new LogUnreadableException("reading " + settings.topic() + " stalled at offset "
                            + consumer.position(partition) + " of " + endOffset + " for " + settings.timeout()
                            + "; check the broker at " + settings.bootstrapServers() + " or raise --timeout");
                }
            }
            return List.of();
        } catch (KafkaException e) {
            throw new LogUnreadableException(unreachable(settings, e), e);
        }
    }

    private static String unreachable(KafkaSettings settings, KafkaException e) {
        return "cannot read " + settings.topic() + " from " + settings.bootstrapServers() + " within "
                + settings.timeout() + ": " + e.getMessage()
                + "; check --bootstrap-servers, and --client-config for TLS/SASL settings";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
