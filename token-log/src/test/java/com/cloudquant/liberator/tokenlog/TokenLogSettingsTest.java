package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLogSettingsTest {

    private final TokenLogSettings settings = new TokenLogSettings("kafka:9092", "tokens", Duration.ofSeconds(5),
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "password=\"hunter2\"",
                    "isolation.level", "read_uncommitted", "auto.offset.reset", "earliest",
                    "allow.auto.create.topics", "true", "max.poll.records", "7"), false);

    @Test
    void clientSettingsPassThroughButNeverOverrideWhatReadingTheLogDependsOn() {
        var reader = settings.readerProperties();
        assertThat(reader).containsEntry("security.protocol", "SASL_SSL").containsEntry("max.poll.records", "7")
                .containsEntry("isolation.level", "read_committed").containsEntry("auto.offset.reset", "none")
                .containsEntry("allow.auto.create.topics", "false").containsEntry("bootstrap.servers", "kafka:9092");
        assertThat(settings.adminProperties()).containsEntry("sasl.jaas.config", "password=\"hunter2\"");
    }

    @Test
    void printingTheSettingsNeverShowsAClientSettingsValue() {
        assertThat(settings.toString()).contains("sasl.jaas.config", "security.protocol").doesNotContain("hunter2");
    }

    @Test
    void everyClientGetsItsOwnId() {
        assertThat(settings.readerProperties().get("client.id")).isNotEqualTo(settings.readerProperties().get("client.id"));
    }
}
