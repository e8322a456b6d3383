package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.events.LogTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedKafkaExtensionTest.ApplicationLikeExtension.class)
class EmbeddedKafkaExtensionTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(
            EmbeddedKafka.builder().brokerProperty("auto.create.topics.enable", "true"));

    /**
     * Stands in for {@code @MicronautTest}: declared with {@code @ExtendWith}, so its before-all
     * runs before the Kafka extension's and its after-all after it.
     */
    static final class ApplicationLikeExtension implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            assertThat(KAFKA.bootstrapServers()).as("address available to an application starting first")
                    .startsWith("127.0.0.1:");
        }

        @Override
        public void afterAll(ExtensionContext context) {
            assertThat(KAFKA.broker().isRunning()).as("broker still up while the application shuts down").isTrue();
        }
    }

    @Test
    void brokerIsRunningBeforeTheFirstTestAndInjectable(KafkaBroker injected, EmbeddedKafka embedded) {
        assertThat(KAFKA.broker().isRunning()).isTrue();
        assertThat(injected).isSameAs(KAFKA.broker()).isSameAs(embedded);
    }

    @Test
    void createsTheTokenTopicUnderItsDefaultName() {
        assertThat(KAFKA.createTokenTopic()).isEqualTo(LogTopic.DEFAULT_NAME);
    }

    @Test
    void brokerPropertiesGivenToTheBuilderOverrideTheDefaults() throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            var config = admin.describeConfigs(List.of(broker)).all().get().get(broker);

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("true");
            assertThat(config.get("num.io.threads").value()).isEqualTo("2");
        }
    }

    @Test
    void registrationOnAnInstanceFieldFailsNamingTheFix() {
        EmbeddedKafkaExtension onInstanceField = new EmbeddedKafkaExtension();

        assertThatThrownBy(() -> onInstanceField.beforeEach(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("static field");
    }
}
