package com.cloudquant.liberator.bench.scale;

import com.cloudquant.liberator.kafka.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two services' command lines as ./run.sh gives them (infra/local-stack's
 * {@code ServiceCommands}: {@code -Xmx256m -XX:+UseSerialGC}, configuration as system properties,
 * the admin password in the environment), on free ports, reading the benchmark's topic.
 */
final class Services {

    /** The heap ./run.sh gives each service. */
    static final String RUN_SH_HEAP = "256m";

    private static final Pattern TOKENS_GAUGE = Pattern.compile(
            "^liberator_gateway_projection_tokens(?:\\{[^}]*})?\\s+([0-9.eE+]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ACTIVE_GAUGE = Pattern.compile(
            "^liberator_tokens_active(?:\\{[^}]*})?\\s+([0-9.eE+]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern HEAD_SEQ = Pattern.compile("\"headSeq\"\\s*:\\s*(\\d+)");

    private final String bootstrapServers;
    private final Path privateKey;
    private final Path publicKey;

    Services(String bootstrapServers, Path privateKey, Path publicKey) {
        this.bootstrapServers = bootstrapServers;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** ServiceCommands.gateway: readiness on the management port; the upstream is never called. */
    Launch gateway(Path jar, String topic, String heap, List<String> extraJvmOptions) {
        int[] ports = FreePort.distinct(2); // a service refuses a management port equal to its public one
        int port = ports[0];
        int management = ports[1];
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.port", String.valueOf(management));
        properties.put("liberator.kafka.bootstrap-servers", bootstrapServers);
        properties.put("liberator.kafka.topic", topic);
        properties.put("liberator.signing.public-key-files", publicKey.toString());
        properties.put("liberator.gateway.upstream-url", "http://127.0.0.1:1");
        properties.put("liberator.trusted-proxies", "127.0.0.1/32");
        properties.put("liberator.gateway.sign-in-url", "/login");
        URI base = URI.create("http://127.0.0.1:" + management);
        return new Launch(java("gateway-bench", heap, extraJvmOptions, properties, jar), Map.of(),
                base.resolve("/health/readiness"),
                http -> new Launch.Counts(gauge(http.body(base.resolve("/prometheus")), TOKENS_GAUGE), -1));
    }

    /**
     * ServiceCommands.tokenService: /health on the management port answers 200 once the log is
     * replayed and the writer ready; metrics are at /prometheus there.
     */
    Launch tokenService(Path jar, String topic, String heap) {
        int[] ports = FreePort.distinct(2); // a service refuses a management port equal to its public one
        int port = ports[0];
        int management = ports[1];
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("endpoints.all.port", String.valueOf(management));
        properties.put("liberator.kafka.bootstrap-servers", bootstrapServers);
        properties.put("liberator.kafka.topic", topic);
        properties.put("liberator.signing.private-key-file", privateKey.toString());
        properties.put("liberator.signing.public-key-file", publicKey.toString());
        properties.put("liberator.monitoring.prometheus-url", "http://127.0.0.1:1");
        URI base = URI.create("http://127.0.0.1:" + management);
        return new Launch(java("token-service-bench", heap, List.of(), properties, jar),
                Map.of("LIBERATOR_ADMIN_PASSWORD", "scale-bench-admin-password"), base.resolve("/health"),
                http -> {
                    String health = http.body(base.resolve("/health"));
                    Matcher seq = health == null ? null : HEAD_SEQ.matcher(health);
                    return new Launch.Counts(gauge(http.body(base.resolve("/prometheus")), ACTIVE_GAUGE),
                            seq != null && seq.find() ? Long.parseLong(seq.group(1)) : -1);
                });
    }

    /** The JVM options of ServiceCommands.java(…), with the heap as a parameter (./run.sh: 256m). */
    static List<String> jvmOptions(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Ddisable-axoniq-console-message=true");
    }

    private static List<String> java(String name, String heap, List<String> extraJvmOptions,
                                     Map<String, String> properties, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(heap));
        command.addAll(extraJvmOptions);
        command.add("-Dliberator.instance=" + name);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static long gauge(String exposition, Pattern gauge) {
        if (exposition == null) {
            return -1;
        }
        Matcher m = gauge.matcher(exposition);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

}
