package com.cloudquant.liberator.tokenservice.web;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Invariant 2: the plaintext token exists only in the response that issued it. */
class NoSecretAtRestTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void noPlaintextTokenInTopicBytesLogsListsAuditOrMetrics() {
        String topic = KAFKA.createTokenTopic("tokens-secrets");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> tokens = new ArrayList<>();
        StringBuilder served = new StringBuilder();
        try (TokenServiceInstance service = TokenServiceInstance.start(
                TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys))) {
            for (int i = 0; i < 3; i++) {
                var issued = service.issue("consumer-" + i);
                tokens.add(issued.get("token").asText());
                served.append(service.get("/api/v1/tokens/" + issued.get("id").asText(), ADMIN).body());
            }
            service.delete("/api/v1/tokens/" + service.issue("consumer-x").get("id").asText(), ADMIN);
            served.append(service.get("/api/v1/tokens", ADMIN).body())
                    .append(service.get("/api/v1/audit/events", ADMIN).body())
                    .append(service.management("/prometheus").body())
                    .append(service.management("/health").body());
        } finally {
            root.detachAppender(logs);
        }
        String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        String topicBytes = readWholeTopic(topic);

        assertThat(topicBytes).contains("consumer-0").contains("TokenRevoked");
        assertThat(logged).contains("decision=issued");
        for (String token : tokens) {
            assertThat(topicBytes).doesNotContain(token);
            assertThat(logged).doesNotContain(token);
            assertThat(served).doesNotContain(token);
        }
        assertThat(topicBytes).doesNotContainPattern("cqm_[0-9a-f]{48}");
        assertThat(logged).doesNotContainPattern("cqm_[0-9a-f]{48}");
        assertThat(served).doesNotContainPattern("cqm_[0-9a-f]{48}");
    }

    /** Every record, committed or not, as Kafka stores it. */
    private static String readWholeTopic(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("isolation.level", "read_uncommitted");
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    all.append(record.key()).append(' ').append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return all.toString();
    }
}
