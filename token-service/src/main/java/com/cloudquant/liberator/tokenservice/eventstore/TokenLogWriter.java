package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the token topic. Each batch is one Kafka transaction; after any failure
 * other than fencing the producer is dropped and a new one (whose {@code initTransactions}
 * finishes whatever the old one left open) is made on the next write. Not thread-safe: the
 * storage engine serialises writes.
 */
final class TokenLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogWriter.class);

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

    /** Writes the envelopes in one transaction and returns their offsets once it committed. */
    List<Long> commit(List<EventEnvelope> envelopes) {
        requireNotFenced();
        if (producer == null) {
            throw new IllegalStateException("open() the writer first");
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(envelopes.size());
            for (EventEnvelope envelope : envelopes) {
                sent.add(producer.send(new ProducerRecord<>(settings.topic(), 0, envelope.tokenId(), EventCodec.encode(envelope))));
            }
            List<Long> offsets = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                offsets.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).offset());
            }
            producer.commitTransaction();
            return offsets;
        } catch (ExecutionException e) {
            throw drop(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw drop(new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within " + settings.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw drop(e);
        } catch (RuntimeException e) {
            throw drop(e);
        }
    }

    private RuntimeException drop(Throwable cause) {
        Producer<String, byte[]> old = producer;
        producer = null;
        if (old != null) {
            old.close(Duration.ZERO);
        }
        return translate(cause, "commit to topic " + settings.topic());
    }

    private RuntimeException translate(Throwable cause, String what) {
        if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
            fenced = true;
            LOG.warn("decision=fenced transactionalId={} cause=\"{}\"", settings.transactionalId(), cause.getMessage());
            return fencedError(cause);
        }
        LOG.warn("decision=write-failed what=\"{}\" cause=\"{}\"", what, cause.toString());
        return new TokenLogUnavailableException("Kafka at " + settings.bootstrapServers() + " did not confirm the write within "
                + settings.timeout() + " (" + cause.getClass().getSimpleName() + "): nothing was recorded;"
                + " check that Kafka is reachable and retry", cause);
    }

    private void requireNotFenced() {
        if (fenced) {
            throw fencedError(null);
        }
    }

    private TokenLogFencedException fencedError(Throwable cause) {
        return new TokenLogFencedException("another token-service instance now owns transactional.id '"
                + settings.transactionalId() + "', so this instance no longer writes: send the request to the"
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
