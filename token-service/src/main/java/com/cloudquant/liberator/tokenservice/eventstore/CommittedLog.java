package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the committed part of the one-partition token topic, from an offset up to the last
 * stable offset as it stood when the read began.
 */
public final class CommittedLog {

    private static final Duration POLL = Duration.ofMillis(200);

    private final TokenLogClients clients;
    private final TopicPartition partition;

    public CommittedLog(TokenLogClients clients) {
        this.clients = clients;
        this.partition = new TopicPartition(clients.settings().topic(), 0);
    }

    /**
     * Hands every committed record from {@code fromOffset} on to {@code sink}, decoded.
     *
     * @return the offset after the last record read (past any transaction markers)
     * @throws TokenLogUnavailableException when Kafka stops answering for longer than the timeout
     */
    public long read(long fromOffset, Consumer<DecodedRecord> sink) {
        return readBatches(fromOffset, batch -> batch.forEach(sink));
    }

    /** As {@link #read}, a poll batch at a time (up to 10,000 records, in offset order). */
    long readBatches(long fromOffset, Consumer<List<DecodedRecord>> sink) {
        Duration timeout = clients.settings().timeout();
        try (org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer = clients.committedReader()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, fromOffset);
            long end = consumer.endOffsets(Set.of(partition), timeout).get(partition);
            long lastProgress = System.nanoTime();
            while (consumer.position(partition, timeout) < end) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                        throw new TokenLogUnavailableException("Kafka at " + clients.settings().bootstrapServers()
                                + " stopped delivering topic " + partition.topic() + " at offset "
                                + consumer.position(partition) + " of " + end + " within " + timeout
                                + "; check that Kafka is reachable", null);
                    }
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> batch = records.records(partition).stream()
                        .filter(record -> record.offset() < end).toList();
                // decoding dominates reading a long log: on all cores, in offset order
                sink.accept(batch.parallelStream().map(record -> EventCodec.decode(record.offset(), record.value())).toList());
                if (batch.size() < records.count()) {
                    return end;
                }
                // the timeout is about Kafka going quiet, not about how long we took with the batch
                lastProgress = System.nanoTime();
            }
            return end;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TokenLogUnavailableException("Kafka at " + clients.settings().bootstrapServers()
                    + " did not answer within " + timeout + " while reading topic " + partition.topic()
                    + "; check that Kafka is reachable", e);
        }
    }
}
