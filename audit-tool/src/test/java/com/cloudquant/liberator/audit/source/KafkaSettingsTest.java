package com.cloudquant.liberator.audit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void clientConfigCarriesTlsAndSaslSettings() throws Exception {
        Path config = Files.writeString(dir.resolve("audit.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.location=/etc/audit/truststore.p12
                """);

        Properties props = settings(config).consumerProperties();

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/audit/truststore.p12");
    }

    @Test
    void auditReadSettingsWinOverTheClientConfig() throws Exception {
        Path config = Files.writeString(dir.resolve("audit.properties"), """
                bootstrap.servers=elsewhere:9092
                group.id=someone-elses-group
                isolation.level=read_uncommitted
                enable.auto.commit=true
                """);

        Properties props = settings(config).consumerProperties();

        assertThat(props).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .doesNotContainKey("group.id");
    }

    @Test
    void unreadableClientConfigNamesTheFileAndTheFix() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> settings(missing).consumerProperties())
                .isInstanceOf(LogUnreadableException.class)
                .hasMessageContaining("--client-config " + missing)
                .hasMessageContaining("readable Kafka client properties file");
    }

    private static KafkaSettings settings(Path clientConfig) {
        return new KafkaSettings("kafka:9093", KafkaSettings.DEFAULT_TOPIC, clientConfig, Duration.ofSeconds(5));
    }
}
