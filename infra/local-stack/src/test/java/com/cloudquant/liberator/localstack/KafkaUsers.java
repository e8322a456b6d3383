package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/** Kafka client settings of the stack's users, for tests that reach the token topic directly. */
final class KafkaUsers {

    private KafkaUsers() {
    }

    /**
     * Signed in as the audit tool's read-only user, from the client settings the stack wrote for
     * it; with an external broker (used unauthenticated, as it is) there are none.
     */
    static Map<String, Object> auditor(LocalStack stack, Map<String, Object> settings) {
        if (!Files.exists(stack.auditClientConfig())) {
            return with(stack, new HashMap<>(), settings);
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(stack.auditClientConfig())) {
            file.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> config = new HashMap<>();
        file.stringPropertyNames().forEach(name -> config.put(name, file.getProperty(name)));
        return with(stack, config, settings);
    }

    /** Signed in as the Kafka admin (the super user): what only someone holding its password could do. */
    static Map<String, Object> admin(LocalStack stack, Map<String, Object> settings) {
        return with(stack, new HashMap<>(stack.kafka().adminClientProperties()), settings);
    }

    private static Map<String, Object> with(LocalStack stack, Map<String, Object> config, Map<String, Object> settings) {
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        config.putAll(settings);
        return config;
    }
}
