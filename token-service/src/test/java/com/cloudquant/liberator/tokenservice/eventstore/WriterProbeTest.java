package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a writer learns it was fenced without writing, against a real broker: an empty
 * transaction never reaches the coordinator (so it cannot be the probe), the writer's probe does.
 */
class WriterProbeTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void anEmptyTransactionCommitsEvenAfterAnotherProducerFencedThisOne() {
        TokenLogClients clients = clients("tokens-probe-empty");
        try (Producer<String, byte[]> old = clients.transactionalProducer();
             Producer<String, byte[]> newer = clients.transactionalProducer()) {
            old.initTransactions();
            newer.initTransactions();

            old.beginTransaction();
            // the producer sends no EndTxn for a transaction that added nothing, so nobody checks its epoch
            assertThatCode(old::commitTransaction).as("an empty commit by a fenced producer").doesNotThrowAnyException();
        }
    }

    @Test
    void theProbeOfAFencedWriterMarksItFencedAndTheActiveWritersProbeDoesNot() {
        TokenLogClients clients = clients("tokens-probe-fenced");
        try (TokenLogWriter old = new TokenLogWriter(clients::transactionalProducer, clients.settings());
             TokenLogWriter newer = new TokenLogWriter(clients::transactionalProducer, clients.settings())) {
            old.open();
            old.probe();
            assertThat(old.isFenced()).as("the only writer, probed").isFalse();
            assertThat(old.isReady()).isTrue();

            newer.open();
            old.probe();

            assertThat(old.isFenced()).as("the older writer, probed after a newer one claimed the id").isTrue();
            newer.probe();
            assertThat(newer.isFenced()).isFalse();
            assertThat(newer.isReady()).isTrue();
        }
    }

    private static TokenLogClients clients(String topic) {
        return new TokenLogClients(new KafkaSettings(KAFKA.bootstrapServers(), KAFKA.createTokenTopic(topic),
                Duration.ofSeconds(5)));
    }
}
