package com.cloudquant.liberator.audit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --client-config becomes token-log's pass-through client properties; what an audit read needs wins. */
class ClientConfigTest {

    @TempDir
    Path dir;

    @Test
    void clientConfigCarriesTlsAndSaslSettingsToTheReaderAndTheAdminClient() throws Exception {
        Path config = Files.writeString(dir.resolve("audit.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.location=/etc/audit/truststore.p12
                """);

        TokenLogSettings settings = settings(config);

        for (Properties props : new Properties[] {settings.readerProperties(), settings.adminProperties()}) {
            assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/audit/truststore.p12");
        }
    }

    @Test
    void auditReadSettingsWinOverTheClientConfig() throws Exception {
        Path config = Files.writeString(dir.resolve("audit.properties"), """
                bootstrap.servers=elsewhere:9092
                group.id=someone-elses-group
                isolation.level=read_uncommitted
                enable.auto.commit=true
                auto.offset.reset=latest
                """);

        Properties props = settings(config).readerProperties();

        assertThat(props).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "none")
                .doesNotContainKey("group.id");
    }

    @Test
    void noClientConfigMeansNoExtraProperties() {
        assertThat(ClientConfig.load(null)).isEmpty();
    }

    @Test
    void unreadableClientConfigNamesTheFileAndTheFix() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> ClientConfig.load(missing))
                .isInstanceOf(LogUnreadableException.class)
                .hasMessageContaining("--client-config " + missing)
                .hasMessageContaining("readable Kafka client properties file");
    }

    private static TokenLogSettings settings(Path clientConfig) {
        return new TokenLogSettings("kafka:9093", LogTopic.DEFAULT_NAME, Duration.ofSeconds(5),
                ClientConfig.load(clientConfig), false);
    }
}
