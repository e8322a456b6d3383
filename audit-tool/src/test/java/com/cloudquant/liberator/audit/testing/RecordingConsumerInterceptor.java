package com.cloudquant.liberator.audit.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer interceptor a test names in a {@code --client-config} file
 * ({@code interceptor.classes=…}): only a consumer instantiates it, so what it records proves
 * the file reached the consumer that read the log, with which settings, and what it delivered.
 */
public final class RecordingConsumerInterceptor implements ConsumerInterceptor<byte[], byte[]> {

    private static final List<Map<String, Object>> CONFIGS = new CopyOnWriteArrayList<>();
    private static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();

    public static void reset() {
        CONFIGS.clear();
        BATCH_SIZES.clear();
    }

    /** The configuration of every consumer that loaded this interceptor. */
    public static List<Map<String, Object>> configs() {
        return List.copyOf(CONFIGS);
    }

    /** The size of every non-empty batch those consumers returned. */
    public static List<Integer> batchSizes() {
        return List.copyOf(BATCH_SIZES);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        CONFIGS.add(new HashMap<>(configs));
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (!records.isEmpty()) {
            BATCH_SIZES.add(records.count());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
