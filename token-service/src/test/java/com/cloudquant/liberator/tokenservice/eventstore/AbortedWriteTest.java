package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write whose record reached the broker but whose acknowledgement never came is aborted
 * before the producer is dropped: readers' last stable offset moves past it at once, instead
 * of every read_committed reader (each gateway) waiting for the transaction to time out.
 */
class AbortedWriteTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void aWriteNeverAcknowledgedIsAbortedSoTheLastStableOffsetReachesTheEndWithoutAnotherWrite() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-aborted-write");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.put("liberator.kafka.writer-probe-interval", "1h"); // no other transaction while we look
        UnacknowledgedSends faults = new UnacknowledgedSends(topic);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings, faults);
             Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            service.issue("before-fault");
            faults.armed = true;

            HttpResponse<String> refused = service.post("/api/v1/tokens", "{\"consumer\":\"grafana-prod\"}", ADMIN);

            assertThat(faults.swallowed.get()).as("acknowledgements swallowed").isEqualTo(1);
            assertThat(refused.statusCode()).as("POST whose record was never acknowledged: %s", refused.body())
                    .isEqualTo(503);
            assertThat(json(refused).get("detail").asText()).contains("nothing was recorded");
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = offset(admin, partition, IsolationLevel.READ_UNCOMMITTED);
            assertThat(end).as("the unacknowledged record reached the log").isGreaterThanOrEqualTo(3);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> offset(admin, partition, IsolationLevel.READ_COMMITTED)
                            == offset(admin, partition, IsolationLevel.READ_UNCOMMITTED));
            assertThat(json(service.get("/api/v1/tokens", ADMIN))).hasSize(1);
            assertThat(service.issue("after-fault").get("id").asText()).isNotBlank();
        }
    }

    private static long offset(Admin admin, TopicPartition partition, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation)).all().get()
                .get(partition).offset();
    }

    /** Real producers whose armed send goes to the broker but whose acknowledgement never reaches the writer. */
    static final class UnacknowledgedSends implements WriterProducers {

        final AtomicInteger swallowed = new AtomicInteger();
        volatile boolean armed;
        private final TokenLogClients clients;

        UnacknowledgedSends(String topic) {
            this.clients = new TokenLogClients(new KafkaSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(3)));
        }

        @Override
        public KafkaProducer<String, byte[]> create() {
            return new KafkaProducer<>(clients.transactionalProducerProperties()) {
                @Override
                public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
                    Future<RecordMetadata> sent = super.send(record);
                    if (armed) {
                        armed = false;
                        swallowed.incrementAndGet();
                        flush();
                        return new CompletableFuture<>(); // never completes
                    }
                    return sent;
                }
            };
        }
    }
}
