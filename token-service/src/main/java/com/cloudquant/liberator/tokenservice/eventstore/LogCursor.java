package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Walks committed record values up to the end of the log as it stood when opened, one poll
 * batch in memory at a time, so a long log streams instead of piling up.
 */
public final class LogCursor implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final TopicPartition partition;
    private final long end;
    private final long fromSeq;
    private final Duration timeout;
    private Iterator<ConsumerRecord<String, byte[]>> batch = List.<ConsumerRecord<String, byte[]>>of().iterator();

    LogCursor(TokenLogClients clients, long fromOffset, long fromSeq) {
        this.timeout = clients.settings().timeout();
        this.partition = new TopicPartition(clients.settings().topic(), 0);
        this.fromSeq = fromSeq;
        this.consumer = clients.committedReader();
        try {
            consumer.assign(List.of(partition));
            consumer.seek(partition, fromOffset);
            this.end = consumer.endOffsets(Set.of(partition), timeout).get(partition);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw new TokenLogUnavailableException("cannot read topic " + partition.topic() + " from Kafka at "
                    + clients.settings().bootstrapServers() + ": check that Kafka is reachable and retry", e);
        }
    }

    /** The next record value at or after {@code fromSeq}, or null at the end. */
    public byte[] next() {
        while (true) {
            while (batch.hasNext()) {
                ConsumerRecord<String, byte[]> record = batch.next();
                if (record.offset() >= end) {
                    return null;
                }
                if (atOrAfterFromSeq(record)) {
                    return record.value();
                }
            }
            if (consumer.position(partition, timeout) >= end) {
                return null;
            }
            var records = consumer.poll(Duration.ofMillis(200));
            batch = records.records(partition).iterator();
        }
    }

    private boolean atOrAfterFromSeq(ConsumerRecord<String, byte[]> record) {
        DecodedRecord decoded = EventCodec.decode(record.offset(), record.value());
        return decoded.wellFormedEnvelope().map(envelope -> envelope.seq() >= fromSeq).orElse(true);
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
