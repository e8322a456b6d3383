package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.events.OwnerOnlyFiles;
import com.cloudquant.liberator.kafka.ScramUser;
import com.cloudquant.liberator.tokenlog.TokenTopicAccess;
import com.cloudquant.liberator.tokenlog.TokenTopicAccessSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The stack's Kafka users, one per role, with passwords generated on the first start and kept
 * in the state directory ({@code keys/kafka/<user>.password}, readable by the owner only from
 * the moment each file exists). The broker learns them when its data directory is formatted,
 * so they stay the same for as long as the Kafka data does; {@code --fresh} wipes both.
 *
 * @param admin        the super user: creates the topic and its ACLs, and nothing else uses it
 * @param tokenService writes the log
 * @param gateway      both gateway replicas: read only
 * @param audit        the audit tool: read only
 */
record KafkaCredentials(ScramUser admin, ScramUser tokenService, ScramUser gateway, ScramUser audit) {

    /** Reads the users' passwords from {@code dir}, creating the missing ones. */
    static KafkaCredentials ensure(Path dir) {
        return new KafkaCredentials(user(dir, TokenTopicAccessSetup.ADMIN_USER), user(dir, TokenTopicAccessSetup.TOKEN_SERVICE_USER),
                user(dir, TokenTopicAccessSetup.GATEWAY_USER), user(dir, TokenTopicAccessSetup.AUDIT_USER));
    }

    /** Whether {@code dir} holds no password yet: the credentials are about to be made for the first time. */
    static boolean absentIn(Path dir) {
        return !Files.exists(dir.resolve(TokenTopicAccessSetup.ADMIN_USER + ".password"));
    }

    /** Everyone but the admin, as the broker is formatted with them. */
    List<ScramUser> services() {
        return List.of(tokenService, gateway, audit);
    }

    /** Who may do what on {@code topic}: the token-service writes, the gateways and the audit tool read. */
    TokenTopicAccess access(String topic) {
        return new TokenTopicAccess(topic, tokenService.principal(), List.of(gateway.principal()), List.of(audit.principal()));
    }

    /**
     * A service's Kafka client settings ({@code liberator.kafka.properties.*}) in the environment,
     * so the password stays off every command line: as {@code MICRONAUT_APPLICATION_JSON}, one
     * JSON object of full keys. Plain variables ({@code LIBERATOR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG})
     * would not do: Micronaut cannot tell which of their underscores were dots, so Kafka's dotted
     * keys never arrive as they are written.
     */
    static Map<String, String> environment(ScramUser user) {
        StringBuilder json = new StringBuilder("{");
        new java.util.TreeMap<>(user.clientProperties()).forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(jsonEscaped("liberator.kafka.properties." + key)).append("\":\"")
                .append(jsonEscaped(value)).append('"'));
        return Map.of("MICRONAUT_APPLICATION_JSON", json.append('}').toString());
    }

    private static String jsonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Writes {@code user}'s Kafka client settings (for the audit tool's {@code --client-config}), owner-only. */
    static Path writeClientConfig(ScramUser user, Path file) {
        Properties properties = new Properties();
        properties.putAll(user.clientProperties());
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            properties.store(text, "Kafka client settings of " + user.name() + "; keep private");
            Files.deleteIfExists(file);
            OwnerOnlyFiles.writeNew(file, text.toString().getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ScramUser user(Path dir, String name) {
        Path file = dir.resolve(name + ".password");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                ScramUser fresh = ScramUser.withRandomPassword(name);
                OwnerOnlyFiles.writeNew(file, fresh.password().getBytes(StandardCharsets.UTF_8));
                return fresh;
            }
            return new ScramUser(name, Files.readString(file).trim());
        } catch (IOException e) {
            throw new LocalStackException("cannot read or create the Kafka password " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new LocalStackException("the Kafka password in " + file + " is not usable (" + e.getMessage()
                    + "); delete the file and start with --fresh", e);
        }
    }
}
