package com.cloudquant.liberator.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command lines of our two services in the local stack, and the benchmarks' (which run them as
 * ./run.sh does, through the static methods). Configuration goes in as system properties (the keys
 * documented in docs/gateway.md and docs/token-service.md); the admin password goes in the
 * environment, never on a command line that {@code ps} shows.
 */
public final class ServiceCommands {

    /** The heap each service gets here: the heap the product is measured with (docs/benchmarks.md). */
    public static final String HEAP = "256m";
    /** Health of the token-service, on its management port. */
    public static final String TOKEN_SERVICE_HEALTH = "/health";
    /** Prometheus metrics of the token-service, on its management port. */
    public static final String TOKEN_SERVICE_METRICS = "/prometheus";
    /** Readiness of a gateway replica (caught up with the log), on its management port. */
    public static final String GATEWAY_READINESS = "/health/readiness";
    /** Prometheus metrics of a gateway replica, on its management port. */
    public static final String GATEWAY_METRICS = "/prometheus";
    /** nginx, on loopback like everything here. */
    private static final String TRUSTED_PROXIES = "127.0.0.1/32";

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
        return java(programs.java(), jvmOptions(HEAP), "token-service", tokenServiceProperties(ports.tokenService(),
                ports.tokenServiceManagement(), kafkaBootstrap.get(), layout.signingPrivateKey(), layout.signingPublicKey(),
                "http://127.0.0.1:" + ports.prometheus()), programs.tokenServiceJar().toString());
    }

    List<String> gateway(int replica) {
        Map<String, String> properties = gatewayProperties(ports.gateways().get(replica), ports.gatewayManagement().get(replica),
                kafkaBootstrap.get(), layout.signingPublicKey(), "http://127.0.0.1:" + ports.prometheus());
        properties.putAll(gatewayOverrides);
        return java(programs.java(), jvmOptions(HEAP), "gateway-" + (replica + 1), properties, programs.gatewayJar().toString());
    }

    /** A token-service's settings on loopback; a mutable map, for more. */
    public static Map<String, String> tokenServiceProperties(int port, int managementPort, String kafkaBootstrap,
                                                             Path privateKey, Path publicKey, String prometheusUrl) {
        Map<String, String> properties = loopback(port, managementPort, kafkaBootstrap);
        properties.put("liberator.signing.private-key-file", privateKey.toString());
        properties.put("liberator.signing.public-key-file", publicKey.toString());
        properties.put("liberator.monitoring.prometheus-url", prometheusUrl);
        properties.put("liberator.trusted-proxies", TRUSTED_PROXIES);
        return properties;
    }

    /** A gateway replica's settings on loopback; a mutable map, for more. */
    public static Map<String, String> gatewayProperties(int port, int managementPort, String kafkaBootstrap, Path publicKey,
                                                        String upstreamUrl) {
        Map<String, String> properties = loopback(port, managementPort, kafkaBootstrap);
        properties.put("liberator.signing.public-key-files", publicKey.toString());
        properties.put("liberator.gateway.upstream-url", upstreamUrl);
        properties.put("liberator.trusted-proxies", TRUSTED_PROXIES);
        properties.put("liberator.gateway.sign-in-url", "/login");
        return properties;
    }

    private static Map<String, String> loopback(int port, int managementPort, String kafkaBootstrap) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.port", String.valueOf(managementPort));
        properties.put("liberator.kafka.bootstrap-servers", kafkaBootstrap);
        return properties;
    }

    /** The JVM options every service runs with here, with {@code heap} ({@link #HEAP} in the stack). */
    public static List<String> jvmOptions(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Ddisable-axoniq-console-message=true");
    }

    /** {@code java} with {@code jvmOptions}, the instance name, the settings as system properties, and the jar. */
    public static List<String> java(String java, List<String> jvmOptions, String instance, Map<String, String> properties,
                                    String jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.add("-Dliberator.instance=" + instance);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar));
        return command;
    }
}
