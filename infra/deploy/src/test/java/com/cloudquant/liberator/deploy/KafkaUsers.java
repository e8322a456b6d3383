package com.cloudquant.liberator.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka users of docker-compose.yml as our sources define them: the user names and the
 * variables of token-log's {@code TokenTopicAccessSetup} (read as text, as this module reads
 * every source), and a service's sign-in from its {@code MICRONAUT_APPLICATION_JSON}.
 */
final class KafkaUsers {

    private static final String SETUP = "token-log/src/main/java/com/cloudquant/liberator/tokenlog/TokenTopicAccessSetup.java";

    static final String ADMIN = constant("ADMIN_USER");
    static final String TOKEN_SERVICE = constant("TOKEN_SERVICE_USER");
    static final String GATEWAY = constant("GATEWAY_USER");
    static final List<String> PASSWORD_VARIABLES = List.of("LIBERATOR_KAFKA_ADMIN_PASSWORD",
            "LIBERATOR_KAFKA_TOKEN_SERVICE_PASSWORD", "LIBERATOR_KAFKA_GATEWAY_PASSWORD", "LIBERATOR_KAFKA_AUDIT_PASSWORD");

    private static final Pattern JAAS = Pattern.compile(
            "^org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([^\"]+)\" password=\"([^\"]+)\";$");

    private KafkaUsers() {
    }

    /** The configuration keys a service is given in {@code MICRONAUT_APPLICATION_JSON}; none without it. */
    static Map<String, String> applicationJson(ComposeModel compose, String service) {
        return applicationJson(compose.environment(service), service);
    }

    /** The configuration keys {@code environment} gives {@code service} in {@code MICRONAUT_APPLICATION_JSON}; none without it. */
    static Map<String, String> applicationJson(Map<String, String> environment, String service) {
        String json = environment.get("MICRONAUT_APPLICATION_JSON");
        if (json == null) {
            return Map.of();
        }
        try {
            return new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new AssertionError(service + "'s MICRONAUT_APPLICATION_JSON is not a JSON object of strings: " + e.getMessage());
        }
    }

    /** The user name and password a service signs in to Kafka with (SASL_PLAINTEXT, SCRAM-SHA-512). */
    static List<String> credentials(ComposeModel compose, String service) {
        Map<String, String> keys = applicationJson(compose, service);
        if (!"SASL_PLAINTEXT".equals(keys.get("liberator.kafka.properties.security.protocol"))
                || !"SCRAM-SHA-512".equals(keys.get("liberator.kafka.properties.sasl.mechanism"))) {
            throw new AssertionError(service + " does not sign in with SCRAM-SHA-512: " + keys.keySet());
        }
        Matcher jaas = JAAS.matcher(keys.getOrDefault("liberator.kafka.properties.sasl.jaas.config", ""));
        if (!jaas.matches()) {
            throw new AssertionError(service + " has no SCRAM login in liberator.kafka.properties.sasl.jaas.config");
        }
        return List.of(jaas.group(1), jaas.group(2));
    }

    /** The value .env.example gives {@code variable}. */
    static String password(String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=(.+)$").matcher(read(ComposeModel.ENV_EXAMPLE.toString()));
        if (!m.find()) {
            throw new AssertionError(".env.example sets no " + variable);
        }
        return m.group(1).trim();
    }

    /** Every variable the set-up reads: {@code LIBERATOR_KAFKA_…} spelled out in its source. */
    static Set<String> setUpVariables() {
        Set<String> variables = new TreeSet<>();
        Matcher m = Pattern.compile("\"(LIBERATOR_KAFKA_[A-Z_]+)\"").matcher(read(Repository.path(SETUP).toString()));
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }

    private static String constant(String name) {
        Matcher m = Pattern.compile("static final String " + name + " = \"([^\"]+)\";").matcher(read(Repository.path(SETUP).toString()));
        if (!m.find()) {
            throw new AssertionError(SETUP + " defines no " + name);
        }
        return m.group(1);
    }

    private static String read(String file) {
        try {
            return Files.readString(java.nio.file.Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
