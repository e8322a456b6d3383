package com.cloudquant.liberator.audit.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code --client-config} file: Kafka client properties (TLS, SASL, …) handed to token-log
 * as {@code TokenLogSettings.clientProperties}, so the tool reaches Kafka exactly as the
 * services do. What a reader of the log depends on is set by token-log and wins over the file.
 */
public final class ClientConfig {

    private ClientConfig() {
    }

    /** The properties in {@code file}; none when {@code file} is null. */
    public static Map<String, String> load(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new LogUnreadableException("cannot read --client-config " + file + ": " + e
                    + "; pass a readable Kafka client properties file", e);
        }
        Map<String, String> properties = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            properties.put(name, props.getProperty(name));
        }
        return properties;
    }
}
