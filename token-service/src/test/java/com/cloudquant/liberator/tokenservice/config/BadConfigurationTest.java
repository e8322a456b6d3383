package com.cloudquant.liberator.tokenservice.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadConfigurationTest {

    @TempDir
    Path keys;

    @Test
    void missingBootstrapServersStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "liberator.signing.private-key-file", keys.resolve("k.pem").toString(),
                "liberator.signing.public-key-file", keys.resolve("k.pub.pem").toString(),
                "liberator.signing.generate-if-missing", true)).close())
                .hasStackTraceContaining("liberator.kafka.bootstrap-servers");
    }

    @Test
    void missingSigningKeyWithoutGenerationStopsTheStartNamingTheFix() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "liberator.kafka.bootstrap-servers", "localhost:1",
                "liberator.signing.private-key-file", keys.resolve("absent.pem").toString(),
                "liberator.signing.public-key-file", keys.resolve("absent.pub.pem").toString())).close())
                .hasStackTraceContaining("liberator.signing.generate-if-missing=true");
    }
}
