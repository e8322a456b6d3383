package com.cloudquant.liberator.tokenservice.eventstore;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Asks the transaction coordinator every {@code liberator.kafka.writer-probe-interval} whether
 * this instance still owns the writer's transactional.id, so an instance that a newer one
 * fenced reports {@code /health} DOWN (and refuses commands) within that interval, instead of
 * looking healthy until it next writes.
 */
@Singleton
final class WriterProbe {

    private final KafkaEventStorageEngine engine;

    WriterProbe(KafkaEventStorageEngine engine) {
        this.engine = engine;
    }

    @Scheduled(fixedDelay = "${liberator.kafka.writer-probe-interval}", initialDelay = "${liberator.kafka.writer-probe-interval}")
    void probe() {
        engine.probeWriter();
    }
}
