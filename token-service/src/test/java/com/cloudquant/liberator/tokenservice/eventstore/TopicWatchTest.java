package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The topic is checked while the service runs, not only at start. */
class TopicWatchTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path keys;

    @Test
    void aTopicWhoseRetentionIsShortenedWhileTheServiceRunsMakesHealthDownNamingTheSetting() throws Exception {
        String topic = KAFKA.createTokenTopic("tokens-watched");
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.put("liberator.kafka.topic-check-interval", "1s");
        try (TokenServiceInstance service = TokenServiceInstance.start(settings);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> service.management("/health").statusCode() == 200);

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var health = service.management("/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(json(health).at("/details/tokenLog/details/topicProblems").toString())
                        .contains("retention.ms=604800000", "--add-config retention.ms=-1");
            });
        }
    }
}
