package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.gateway.config.KafkaProperties;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the token topic from offset 0 for the life of the replica, on its own thread.
 * A broker outage does not stop it: it keeps polling, the projection keeps serving what
 * it knows, and {@link ProjectionStatus} reports how stale that is.
 */
@Context
public final class TokenTopicReader {

    private static final Logger LOG = LoggerFactory.getLogger(TokenTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration BROKER_CALL = Duration.ofSeconds(2);
    private static final Duration END_OFFSET_EVERY = Duration.ofMillis(500);

    private final TokenConsumerFactory consumers;
    private final TopicPartition partition;
    private final TokenProjector projector;
    private final ProjectionStatus status;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;
    private Instant lastEndOffsetCheck = Instant.MIN;

    public TokenTopicReader(TokenConsumerFactory consumers, KafkaProperties kafka, TokenProjector projector,
                            ProjectionStatus status, Clock clock) {
        this.consumers = consumers;
        // one partition by design: the log is a total order
        this.partition = new TopicPartition(kafka.topic(), 0);
        this.projector = projector;
        this.status = status;
        this.clock = clock;
    }

    @PostConstruct
    public void start() {
        consumer = consumers.create();
        thread = new Thread(this::run, "token-topic-reader");
        thread.setDaemon(true);
        thread.start();
        LOG.info("event=reader_started topic={} partition={}", partition.topic(), partition.partition());
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        Consumer<byte[], byte[]> c = consumer;
        try {
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            while (running) {
                pollOnce(c);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("event=reader_stopped reason=unexpected_wakeup");
            }
        } catch (RuntimeException e) {
            LOG.error("event=reader_stopped reason=\"{}\" action=fail_closed", e.toString(), e);
            status.readerStopped();
        } finally {
            c.close();
        }
    }

    void pollOnce(Consumer<byte[], byte[]> c) {
        try {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            if (!records.isEmpty()) {
                List<LogRecord> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    batch.add(new LogRecord(record.offset(), record.value()));
                }
                projector.apply(batch);
            }
            if (!records.isEmpty() && status.isReady()) {
                LOG.info("event=records_applied count={} last_offset={}", records.count(), lastOffset(records));
            }
            checkEndOffset(c);
            status.positionReached(c.position(partition, BROKER_CALL));
        } catch (TimeoutException e) {
            // broker unreachable: keep serving what we know; staleness grows until it answers again
            LOG.debug("event=broker_unreachable detail=\"{}\"", e.getMessage());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("event=poll_failed detail=\"{}\"", e.toString());
        }
    }

    private void checkEndOffset(Consumer<byte[], byte[]> c) {
        Instant now = clock.instant();
        if (Duration.between(lastEndOffsetCheck, now).compareTo(END_OFFSET_EVERY) < 0) {
            return;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(List.of(partition), BROKER_CALL);
        lastEndOffsetCheck = now;
        Long end = ends.get(partition);
        if (end != null) {
            status.endOffsetSeen(end, now);
        }
    }

    private static long lastOffset(ConsumerRecords<byte[], byte[]> records) {
        long last = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            last = record.offset();
        }
        return last;
    }
}
