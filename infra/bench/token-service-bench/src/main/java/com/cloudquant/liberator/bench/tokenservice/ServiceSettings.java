package com.cloudquant.liberator.bench.tokenservice;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings of a benchmarked token-service instance. */
final class ServiceSettings {

    static final String ADMIN_PASSWORD = "bench-password";

    private ServiceSettings() {
    }

    static Map<String, Object> of(String bootstrapServers, String topic, Path keys) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("liberator.kafka.bootstrap-servers", bootstrapServers);
        settings.put("liberator.kafka.topic", topic);
        settings.put("liberator.signing.private-key-file", keys.resolve("signing.pem").toString());
        settings.put("liberator.signing.public-key-file", keys.resolve("signing.pub.pem").toString());
        settings.put("liberator.signing.generate-if-missing", true);
        settings.put("liberator.admin.password", ADMIN_PASSWORD);
        settings.put("liberator.tokens.max-active-per-consumer", 1_000_000);
        return settings;
    }
}
