package com.cloudquant.liberator.bench.scale;

import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.localstack.ServiceCommands;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two services' command lines as ./run.sh gives them (infra/local-stack's {@link ServiceCommands}:
 * its JVM options, configuration as system properties, the admin password in the environment), on
 * free ports, reading the benchmark's topic.
 */
final class Services {

    /** The heap ./run.sh gives each service. */
    static final String RUN_SH_HEAP = ServiceCommands.HEAP;
    /** Nothing listens there: the benchmark never calls Prometheus. */
    private static final String NOWHERE = "http://127.0.0.1:1";

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

    /** As ./run.sh's gateways: readiness on the management port; the upstream is never called. */
    Launch gateway(Path jar, String topic, String heap, List<String> extraJvmOptions) {
        int[] ports = FreePort.distinct(2); // a service refuses a management port equal to its public one
        Map<String, String> properties = ServiceCommands.gatewayProperties(ports[0], ports[1], bootstrapServers, publicKey,
                NOWHERE);
        properties.put("liberator.kafka.topic", topic);
        URI base = URI.create("http://127.0.0.1:" + ports[1]);
        return new Launch(java("gateway-bench", heap, extraJvmOptions, properties, jar), Map.of(),
                base.resolve(ServiceCommands.GATEWAY_READINESS),
                http -> new Launch.Counts(gauge(http.body(base.resolve(ServiceCommands.GATEWAY_METRICS)), TOKENS_GAUGE), -1));
    }

    /**
     * As ./run.sh's token-service: health on the management port answers 200 once the log is
     * replayed and the writer ready; metrics are there too.
     */
    Launch tokenService(Path jar, String topic, String heap) {
        int[] ports = FreePort.distinct(2); // a service refuses a management port equal to its public one
        Map<String, String> properties = ServiceCommands.tokenServiceProperties(ports[0], ports[1], bootstrapServers,
                privateKey, publicKey, NOWHERE);
        properties.put("liberator.kafka.topic", topic);
        URI base = URI.create("http://127.0.0.1:" + ports[1]);
        return new Launch(java("token-service-bench", heap, List.of(), properties, jar),
                Map.of("LIBERATOR_ADMIN_PASSWORD", "scale-bench-admin-password"), base.resolve(ServiceCommands.TOKEN_SERVICE_HEALTH),
                http -> {
                    String health = http.body(base.resolve(ServiceCommands.TOKEN_SERVICE_HEALTH));
                    Matcher seq = health == null ? null : HEAD_SEQ.matcher(health);
                    return new Launch.Counts(gauge(http.body(base.resolve(ServiceCommands.TOKEN_SERVICE_METRICS)), ACTIVE_GAUGE),
                            seq != null && seq.find() ? Long.parseLong(seq.group(1)) : -1);
                });
    }

    /** The JVM options of ./run.sh's services, with the heap as a parameter (./run.sh: {@value ServiceCommands#HEAP}). */
    static List<String> jvmOptions(String heap) {
        return ServiceCommands.jvmOptions(heap);
    }

    private static List<String> java(String name, String heap, List<String> extraJvmOptions,
                                     Map<String, String> properties, Path jar) {
        List<String> options = new ArrayList<>(jvmOptions(heap));
        options.addAll(extraJvmOptions);
        return ServiceCommands.java(Path.of(System.getProperty("java.home"), "bin", "java").toString(), options, name,
                properties, jar.toString());
    }

    private static long gauge(String exposition, Pattern gauge) {
        if (exposition == null) {
            return -1;
        }
        Matcher m = gauge.matcher(exposition);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

}
