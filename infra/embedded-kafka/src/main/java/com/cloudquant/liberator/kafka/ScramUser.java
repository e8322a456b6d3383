package com.cloudquant.liberator.kafka;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka user that signs in with SASL/SCRAM-SHA-512, and the client settings that make a
 * Kafka client sign in as it. Names and passwords are kept to letters, digits, {@code .},
 * {@code _} and {@code -}: both end up inside a JAAS line and a {@code kafka-storage}
 * {@code --add-scram} argument, where quotes, commas and brackets would break the syntax.
 *
 * @param name     the user name; the principal is {@code User:<name>}
 * @param password the password, never printed by {@link #toString()}
 */
public record ScramUser(String name, String password) {

    /** The SASL mechanism of every user. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String SAFE = "[A-Za-z0-9._-]+";

    public ScramUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (!name.matches(SAFE)) {
            throw new IllegalArgumentException("a Kafka user name is letters, digits, '.', '_' and '-'; got '" + name + "'");
        }
        if (!password.matches(SAFE) || password.length() < 16) {
            throw new IllegalArgumentException("the password of Kafka user " + name
                    + " must be at least 16 letters, digits, '.', '_' or '-'");
        }
    }

    /** A user with a fresh random password (32 hex digits, 128 bits). */
    public static ScramUser withRandomPassword(String name) {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return new ScramUser(name, HexFormat.of().formatHex(bytes));
    }

    /** The principal ACLs name: {@code User:<name>}. */
    public String principal() {
        return "User:" + name;
    }

    /** The JAAS line a client (or a broker, for its own connections) signs in with. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }

    /**
     * Kafka client settings that sign in as this user over SASL without TLS (loopback only:
     * SCRAM never sends the password, but the records travel in clear).
     */
    public Map<String, String> clientProperties() {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig());
    }

    /** Names the user, never the password. */
    @Override
    public String toString() {
        return "ScramUser[" + name + "]";
    }
}
