package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the token topic. Each batch is one Kafka transaction. A failure before
 * {@code commitTransaction} is known to have recorded nothing: the transaction is aborted (so
 * the last stable offset moves on at once) and the producer dropped. Once
 * {@code commitTransaction} was called the outcome is the coordinator's: a timeout is retried
 * on the same producer until the request's deadline (KafkaProducer allows that, and forbids
 * an abort then), and if it stays unknown the write says so ({@link TokenLogOutcomeUnknownException}).
 * A dropped producer is replaced on the next write; its {@code initTransactions} completes or
 * aborts whatever the old one left. Not thread-safe: the storage engine serialises its use.
 */
final class TokenLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogWriter.class);
    private static final long COMMIT_RETRY_PAUSE_MILLIS = 100;

    private final Supplier<Producer<String, byte[]>> producers;
    private final KafkaSettings settings;
    private Producer<String, byte[]> producer;
    private volatile boolean fenced;

    TokenLogWriter(Supplier<Producer<String, byte[]>> producers, KafkaSettings settings) {
        this.producers = producers;
        this.settings = settings;
    }

    boolean isReady() {
        return producer != null && !fenced;
    }

    boolean isFenced() {
        return fenced;
    }

    /** Claims the transactional.id, fencing any older instance, and completes its open transaction. */
    void open() {
        requireNotFenced();
        Producer<String, byte[]> fresh = producers.get();
        try {
            fresh.initTransactions();
            producer = fresh;
            LOG.info("decision=writer-ready transactionalId={}", settings.transactionalId());
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw translate(e, "claim transactional.id " + settings.transactionalId());
        }
    }

    /**
     * Writes the envelopes in one transaction and returns their offsets once it committed.
     *
     * @throws TokenLogOutcomeUnknownException when Kafka did not say whether the commit happened
     * @throws TokenLogUnavailableException    when nothing was recorded
     * @throws TokenLogFencedException         when another instance took the writer role first
     */
    List<Long> commit(List<EventEnvelope> envelopes) {
        requireNotFenced();
        if (producer == null) {
            throw new IllegalStateException("open() the writer first");
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<Long> offsets = new ArrayList<>(envelopes.size());
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(envelopes.size());
            for (EventEnvelope envelope : envelopes) {
                sent.add(producer.send(new ProducerRecord<>(settings.topic(), 0, envelope.tokenId(), EventCodec.encode(envelope))));
            }
            for (Future<RecordMetadata> future : sent) {
                offsets.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).offset());
            }
        } catch (ExecutionException e) {
            throw abortAndDrop(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw abortAndDrop(new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within " + settings.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abortAndDrop(e);
        } catch (RuntimeException | Error e) {
            throw abortAndDrop(e);
        }
        commitUntil(deadline, envelopes.stream().map(EventEnvelope::tokenId).distinct().toList());
        return offsets;
    }

    /**
     * Proves this instance still owns the transactional.id: an empty transaction would not do,
     * since the producer does not send {@code EndTxn} for a transaction that touched nothing,
     * so it adds the writer's own consumer-group offset (offset 0 of the topic, read by nobody)
     * and commits. An instance fenced by a newer one learns it here, not at its next write.
     * Without a producer (after a failed write) there is nothing to probe: opening one would
     * fence the other instance.
     */
    void probe() {
        if (fenced || producer == null) {
            return;
        }
        try {
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(settings.topic(), 0), new OffsetAndMetadata(0)),
                    new ConsumerGroupMetadata(settings.transactionalId()));
            producer.commitTransaction();
        } catch (RuntimeException | Error e) {
            if (isFencing(e)) {
                translate(e, "probe transactional.id " + settings.transactionalId());
            } else {
                // Kafka unreachable, or the probe's group not authorised: the next write opens a
                // new producer, whose initTransactions settles this transaction
                LOG.warn("decision=writer-probe-failed action=drop-producer cause=\"{}\"", e.toString());
            }
            drop();
        }
    }

    /**
     * Commits, retrying a timeout on the same producer until {@code deadline}: KafkaProducer's
     * Javadoc says a {@code commitTransaction} that timed out may be retried, and that no other
     * operation (not even an abort) is possible then, since the commit may be completing.
     */
    private void commitUntil(long deadline, List<String> tokenIds) {
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                producer.commitTransaction();
                if (attempts > 1) {
                    LOG.info("decision=commit-confirmed attempts={} tokenIds={}", attempts, tokenIds);
                }
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (System.nanoTime() - deadline < 0) {
                    pause();
                    continue;
                }
                throw unknownOutcome(e, attempts, tokenIds);
            } catch (RuntimeException | Error e) {
                throw unknownOutcome(e, attempts, tokenIds);
            }
        }
    }

    private TokenLogOutcomeUnknownException unknownOutcome(Throwable cause, int attempts, List<String> tokenIds) {
        if (isFencing(cause)) {
            fenced = true;
        }
        drop();
        LOG.error("decision=commit-outcome-unknown tokenIds={} attempts={} fenced={} cause=\"{}\"", tokenIds, attempts,
                fenced, cause.toString());
        return new TokenLogOutcomeUnknownException(tokenIds, "Kafka at " + settings.bootstrapServers()
                + " did not say within " + settings.timeout() + " whether the write committed ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    private void pause() {
        try {
            Thread.sleep(COMMIT_RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    /** Nothing was committed: abort (so the topic's last stable offset moves on now) and drop the producer. */
    private RuntimeException abortAndDrop(Throwable cause) {
        if (producer != null && !isFencing(cause)) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                // no transaction begun, or Kafka gone: the next producer's initTransactions aborts it
                LOG.debug("decision=abort-failed cause=\"{}\"", e.toString());
            }
        }
        drop();
        return translate(cause, "commit to topic " + settings.topic());
    }

    private void drop() {
        Producer<String, byte[]> old = producer;
        producer = null;
        if (old != null) {
            old.close(Duration.ZERO);
        }
    }

    private static boolean isFencing(Throwable cause) {
        return cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException;
    }

    private RuntimeException translate(Throwable cause, String what) {
        if (isFencing(cause)) {
            fenced = true;
            LOG.warn("decision=fenced transactionalId={} cause=\"{}\"", settings.transactionalId(), cause.getMessage());
            return fencedError(cause);
        }
        LOG.warn("decision=write-failed what=\"{}\" cause=\"{}\"", what, cause.toString());
        return new TokenLogUnavailableException("Kafka at " + settings.bootstrapServers() + " did not confirm the write within "
                + settings.timeout() + " (" + cause.getClass().getSimpleName() + "): nothing was recorded;"
                + " check that Kafka is reachable and retry", cause);
    }

    void requireNotFenced() {
        if (fenced) {
            throw fencedError(null);
        }
    }

    private TokenLogFencedException fencedError(Throwable cause) {
        return new TokenLogFencedException("another token-service instance now owns transactional.id '"
                + settings.transactionalId() + "' (the same for every instance on topic " + settings.topic()
                + "), so this instance no longer writes and its lists may be stale: send the request to the"
                + " active instance, or stop the other one and restart this one", cause);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(settings.timeout());
            producer = null;
        }
    }
}
