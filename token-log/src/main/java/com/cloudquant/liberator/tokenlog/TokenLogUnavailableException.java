package com.cloudquant.liberator.tokenlog;

/**
 * Kafka did not answer, or stopped delivering the topic, within the configured timeout. Says
 * nothing about the log's integrity; retrying later may succeed. The message names what to check.
 */
public final class TokenLogUnavailableException extends RuntimeException {

    public TokenLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What an operator should check when Kafka refused or failed a call with {@code cause}: a
     * refused sign-in or a missing ACL is not a network problem, and saying "check that Kafka is
     * reachable" would send them the wrong way at 3 a.m.
     */
    static String whatToCheck(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return "check this service's Kafka user and password (liberator.kafka.properties.sasl.jaas.config)";
            }
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return "check the ACLs of this service's Kafka user on the topic (docs/operations.md, \"Kafka users and ACLs\")";
            }
        }
        return "check that Kafka is reachable";
    }
}
