package com.cloudquant.liberator.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command lines of our two services in the local stack. Configuration goes in as
 * system properties (the keys documented in docs/gateway.md and docs/token-service.md);
 * the admin password goes in the environment, never on a command line that {@code ps} shows.
 */
final class ServiceCommands {

    /** Health of the token-service, on its management port. */
    static final String TOKEN_SERVICE_HEALTH = "/health";
    /** Prometheus metrics of the token-service, on its management port. */
    static final String TOKEN_SERVICE_METRICS = "/prometheus";
    /** Readiness of a gateway replica (caught up with the log), on its management port. */
    static final String GATEWAY_READINESS = "/health/readiness";
    /** Prometheus metrics of a gateway replica, on its management port. */
    static final String GATEWAY_METRICS = "/prometheus";

    private final Programs programs;
    private final StackLayout layout;
    private final StackPorts ports;
    private final Supplier<String> kafkaBootstrap;
    private final Map<String, String> gatewayOverrides;

    ServiceCommands(Programs programs, StackLayout layout, StackPorts ports, Supplier<String> kafkaBootstrap,
                    Map<String, String> gatewayOverrides) {
        this.programs = programs;
        this.layout = layout;
        this.ports = ports;
        this.kafkaBootstrap = kafkaBootstrap;
        this.gatewayOverrides = Map.copyOf(gatewayOverrides);
    }

    List<String> tokenService() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", String.valueOf(ports.tokenService()));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.port", String.valueOf(ports.tokenServiceManagement()));
        properties.put("liberator.kafka.bootstrap-servers", kafkaBootstrap.get());
        properties.put("liberator.signing.private-key-file", layout.signingPrivateKey().toString());
        properties.put("liberator.signing.public-key-file", layout.signingPublicKey().toString());
        properties.put("liberator.monitoring.prometheus-url", "http://127.0.0.1:" + ports.prometheus());
        properties.put("liberator.trusted-proxies", "127.0.0.1/32"); // nginx, on loopback like everything here
        return java("token-service", properties, programs.tokenServiceJar().toString());
    }

    List<String> gateway(int replica) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", String.valueOf(ports.gateways().get(replica)));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.port", String.valueOf(ports.gatewayManagement().get(replica)));
        properties.put("liberator.kafka.bootstrap-servers", kafkaBootstrap.get());
        properties.put("liberator.signing.public-key-files", layout.signingPublicKey().toString());
        properties.put("liberator.gateway.upstream-url", "http://127.0.0.1:" + ports.prometheus());
        properties.put("liberator.trusted-proxies", "127.0.0.1/32");
        properties.put("liberator.gateway.sign-in-url", "/login");
        properties.putAll(gatewayOverrides);
        return java("gateway-" + (replica + 1), properties, programs.gatewayJar().toString());
    }

    private List<String> java(String name, Map<String, String> properties, String jar) {
        List<String> command = new ArrayList<>(List.of(programs.java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Ddisable-axoniq-console-message=true", "-Dliberator.instance=" + name));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar));
        return command;
    }
}
