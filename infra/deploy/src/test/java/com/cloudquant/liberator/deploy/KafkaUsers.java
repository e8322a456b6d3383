package com.cloudquant.liberator.deploy;

import com.cloudquant.liberator.tokenlog.TokenTopicAccessSetup;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka users of docker-compose.yml as token-log's {@link TokenTopicAccessSetup} defines
 * them (its user names and the variables it reads), and a service's sign-in from its
 * {@code MICRONAUT_APPLICATION_JSON}.
 */
final class KafkaUsers {

    static final String ADMIN = TokenTopicAccessSetup.ADMIN_USER;
    static final String TOKEN_SERVICE = TokenTopicAccessSetup.TOKEN_SERVICE_USER;
    static final String GATEWAY = TokenTopicAccessSetup.GATEWAY_USER;
    static final List<String> PASSWORD_VARIABLES = TokenTopicAccessSetup.PASSWORDS;

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

    /** Every variable the set-up reads. */
    static Set<String> setUpVariables() {
        return Set.copyOf(TokenTopicAccessSetup.VARIABLES);
    }

    private static String read(String file) {
        try {
            return Files.readString(java.nio.file.Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
