package com.cloudquant.liberator.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A broker that lets in only SASL/SCRAM-SHA-512 users and checks every request against its
 * ACLs (KRaft's {@code StandardAuthorizer}). The users' credentials are written into the
 * cluster metadata when the data directory is formatted (what {@code kafka-storage format
 * --add-scram} does), so they exist before the first client connects. {@code admin} is the one
 * super user: the brokers sign in to each other as it, and only it may create topics or ACLs.
 *
 * <p>The controller listener (loopback only) uses SASL/PLAIN with the admin's password, so the
 * controller sees the admin there too: with the authorizer on, a controller listener without
 * authentication would need {@code User:ANONYMOUS} as a super user, and anyone who reached
 * that port could then do anything.
 *
 * @param admin the super user
 * @param users every other user; each gets no rights until ACLs grant them
 */
record ScramAuthentication(ScramUser admin, List<ScramUser> users) {

    static final String CLIENT_LISTENER = "SASL_PLAINTEXT";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    ScramAuthentication {
        Objects.requireNonNull(admin, "admin");
        users = List.copyOf(users);
        if (users.stream().anyMatch(user -> user.name().equals(admin.name()))) {
            throw new IllegalArgumentException("user " + admin.name() + " is the admin; list it once");
        }
    }

    /** Broker properties for the client listeners named here and the controller listener. */
    Map<String, Object> brokerProperties(List<String> clientListeners) {
        Map<String, Object> props = new HashMap<>();
        props.put("authorizer.class.name", AUTHORIZER);
        props.put("super.users", admin.principal());
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("sasl.enabled.mechanisms", ScramUser.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", ScramUser.MECHANISM);
        for (String listener : clientListeners) {
            String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
            props.put(prefix + "sasl.enabled.mechanisms", ScramUser.MECHANISM);
            props.put(prefix + ScramUser.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config", admin.jaasConfig());
        }
        String controller = "listener.name." + NodeSettings.CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put(controller + "sasl.enabled.mechanisms", "PLAIN");
        props.put(controller + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + admin.name() + "\" password=\"" + admin.password() + "\" user_" + admin.name()
                + "=\"" + admin.password() + "\";");
        return props;
    }

    /** The {@code --add-scram} arguments of {@code kafka-storage format}, one per user. */
    List<String> formatterArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add(scramArgument(admin));
        users.forEach(user -> arguments.add(scramArgument(user)));
        return arguments;
    }

    private static String scramArgument(ScramUser user) {
        return ScramUser.MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + "]";
    }
}
