package com.cloudquant.liberator.tokenlog;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one consumer of the token topic: its only partition, committed records only, from a
 * given offset, in offset order. Every way of reading the log (a bounded read, the gateways'
 * tail, the token-service's catch-up before a write) is this class. Not thread-safe.
 */
public final class LogReader implements AutoCloseable {

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final TopicPartition partition;
    private final TokenLogSettings settings;
    /** Where this reader reads next, as far as it knows: where a halt for a position outside the log is reported. */
    private long next;

    LogReader(Consumer<ByteBuffer, ByteBuffer> consumer, TokenLogSettings settings, long fromOffset) {
        this.consumer = consumer;
        this.settings = settings;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.next = fromOffset;
        try {
            consumer.assign(List.of(partition));
            consumer.seek(partition, fromOffset);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A reader of the committed records from {@code fromOffset} on. */
    public static LogReader open(TokenLogSettings settings, long fromOffset) {
        return new LogReader(new KafkaConsumer<>(settings.readerProperties()), settings, fromOffset);
    }

    /** The offset of the next record to read (past any transaction markers already read). */
    public long position() {
        try {
            next = consumer.position(partition, settings.timeout());
            return next;
        } catch (TimeoutException e) {
            throw unavailable("did not tell the read position", e);
        } catch (KafkaException e) {
            throw rewoundOr(e);
        }
    }

    /**
     * The end of the committed log: the last stable offset, which an open transaction holds
     * back (see {@link LogEnds} for the high watermark).
     */
    public long committedEnd() {
        try {
            return consumer.endOffsets(Set.of(partition), settings.timeout()).get(partition);
        } catch (TimeoutException e) {
            throw unavailable("did not tell where the committed log ends", e);
        }
    }

    /**
     * The next records, waiting at most {@code wait}; empty when none arrived.
     *
     * @throws TokenLogHaltedException      when the position is no longer in the log (records deleted, topic truncated)
     * @throws TokenLogUnavailableException when Kafka refuses the read
     */
    public List<LogRecord> poll(Duration wait) {
        try {
            var records = consumer.poll(wait).records(partition);
            List<LogRecord> batch = new ArrayList<>(records.size());
            for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records) {
                batch.add(new LogRecord(record.offset(), record.value()));
                next = record.offset() + 1;
            }
            return batch;
        } catch (KafkaException e) {
            throw rewoundOr(e);
        }
    }

    /** The topic this reader reads. */
    public String topic() {
        return partition.topic();
    }

    private RuntimeException rewoundOr(KafkaException e) {
        if (e instanceof OffsetOutOfRangeException) {
            return new TokenLogHaltedException(new ChainHalt(next, ChainHalt.Kind.LOG_REWOUND,
                    "the read position is outside the log: " + e.getMessage()));
        }
        if (e instanceof TimeoutException) {
            return unavailable("timed out", e);
        }
        return new TokenLogUnavailableException("reading topic " + partition.topic() + " from Kafka at "
                + settings.bootstrapServers() + " failed: " + e + "; " + TokenLogUnavailableException.whatToCheck(e)
                + " (liberator.kafka.*)", e);
    }

    private TokenLogUnavailableException unavailable(String what, Throwable cause) {
        return new TokenLogUnavailableException("Kafka at " + settings.bootstrapServers() + " " + what
                + " for topic " + partition.topic() + " within " + settings.timeout() + "; check that Kafka is reachable", cause);
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
