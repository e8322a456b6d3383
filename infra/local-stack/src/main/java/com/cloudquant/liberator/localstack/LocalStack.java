package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.kafka.KafkaBroker;
import com.cloudquant.liberator.kafka.ScramUser;
import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.ChildProcessException;
import com.cloudquant.liberator.process.Readiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole topology on one machine: embedded Kafka, the token-service, N gateway replicas,
 * the upstream Prometheus, node exporter and nginx as the public entry. Each part starts
 * only once what it needs answers; {@link #close()} stops them in reverse order. The same
 * code backs {@code ./run.sh} and the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Options options;
    private final StackLayout layout;
    private final Programs programs;
    private final ServiceCommands commands;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ChildProcess> gateways = new ArrayList<>();
    /** Settings an operator added to the token-service's configuration (as environment variables), for every later start. */
    private final Map<String, String> tokenServiceSettings = new LinkedHashMap<>();
    private KafkaBroker kafka;
    /** The services' Kafka users; null with an external broker, which is used as it is. */
    private KafkaCredentials kafkaCredentials;
    private ChildProcess tokenService;

    /**
     * How to run the stack.
     *
     * @param dataDirectory where state lives ({@code .liberator/})
     * @param ports         every port
     * @param fresh         wipe the data directory first
     * @param adminPassword the local super-admin's password
     * @param repoRoot      the checkout, to find the service jars
     * @param scrapeInterval how often Prometheus scrapes (30 s as in production; tests go faster)
     * @param externalKafka  a running broker or cluster with the token topic to use instead of
     *                       starting the embedded one (unauthenticated, as it is), or {@code null}
     * @param gatewayProperties configuration keys given to every gateway replica over the stack's
     *                       own, e.g. {@code liberator.kafka.bootstrap-servers} of a proxy that a
     *                       test can partition while the token-service keeps its direct link
     */
    public record Options(Path dataDirectory, StackPorts ports, boolean fresh, String adminPassword, Path repoRoot,
                          Duration scrapeInterval, KafkaBroker externalKafka, Map<String, String> gatewayProperties) {

        public Options {
            gatewayProperties = Map.copyOf(gatewayProperties);
        }

        public Options(Path dataDirectory, StackPorts ports, boolean fresh, String adminPassword, Path repoRoot,
                       Duration scrapeInterval, KafkaBroker externalKafka) {
            this(dataDirectory, ports, fresh, adminPassword, repoRoot, scrapeInterval, externalKafka, Map.of());
        }
    }

    private LocalStack(Options options) {
        this.options = options;
        // absolute: nginx resolves relative paths against its prefix, not our working directory
        this.layout = new StackLayout(options.dataDirectory().toAbsolutePath().normalize());
        this.programs = new Programs(options.repoRoot());
        this.commands = new ServiceCommands(programs, layout, options.ports(), () -> kafka.bootstrapServers(),
                options.gatewayProperties());
    }

    /** Starts everything, or stops what it started and throws naming the part that failed. */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        programs.requireDebianPackages();
        options.ports().requireAllFree();
        if (options.fresh()) {
            layout.wipe();
        }
        layout.create();
        startKafka();
        ensureSigningKeys();
        TlsCertificate.ensure(programs, layout.tls());
        tokenService = startTokenService();
        for (int i = 0; i < options.ports().gateways().size(); i++) {
            gateways.add(startGateway(i));
        }
        startProcess("node-exporter", List.of(programs.path("prometheus-node-exporter"),
                "--web.listen-address=127.0.0.1:" + options.ports().nodeExporter()), Map.of(),
                "http://127.0.0.1:" + options.ports().nodeExporter() + "/metrics");
        startPrometheus();
        startNginx();
    }

    private void startKafka() {
        if (options.externalKafka() != null) {
            kafka = options.externalKafka();
            return;
        }
        kafkaCredentials = StackKafka.credentials(layout);
        kafka = StackKafka.start(layout, options.ports().kafka(), kafkaCredentials);
        running.push(kafka);
    }

    /** A service's Kafka sign-in as environment variables; none with an external broker. */
    private Map<String, String> kafkaEnvironment(java.util.function.Function<KafkaCredentials, ScramUser> user) {
        return kafkaCredentials == null ? Map.of() : KafkaCredentials.environment(user.apply(kafkaCredentials));
    }

    /**
     * The audit tool's Kafka client settings (its read-only user), for
     * {@code liberator-audit --client-config}; owner-readable only.
     */
    public Path auditClientConfig() {
        return StackKafka.auditClientConfig(layout);
    }

    private void ensureSigningKeys() {
        if (!Files.exists(layout.signingPrivateKey())) {
            Ed25519Keys.generateInto(layout.signingPrivateKey(), layout.signingPublicKey());
            LOG.info("generated event-signing key pair in {}", layout.signingPrivateKey().getParent());
        }
    }

    private ChildProcess startTokenService() {
        Map<String, String> environment = new LinkedHashMap<>(tokenServiceSettings);
        environment.putAll(kafkaEnvironment(KafkaCredentials::tokenService));
        environment.put("LIBERATOR_ADMIN_PASSWORD", options.adminPassword());
        environment.put("LIBERATOR_SESSION_SECRET", layout.sessionSecret());
        return startProcess("token-service", commands.tokenService(), environment,
                "http://127.0.0.1:" + options.ports().tokenServiceManagement() + ServiceCommands.TOKEN_SERVICE_HEALTH);
    }

    private ChildProcess startGateway(int replica) {
        return startProcess("gateway-" + (replica + 1), commands.gateway(replica), kafkaEnvironment(KafkaCredentials::gateway),
                "http://127.0.0.1:" + options.ports().gatewayManagement().get(replica)
                        + ServiceCommands.GATEWAY_READINESS);
    }

    private void startPrometheus() {
        StackConfigs.writePrometheus(layout, options.ports(), options.scrapeInterval());
        startProcess("prometheus", List.of(programs.path("prometheus"),
                "--config.file=" + layout.prometheusConfig(),
                "--storage.tsdb.path=" + layout.prometheusData(),
                "--web.listen-address=127.0.0.1:" + options.ports().prometheus()), Map.of(),
                "http://127.0.0.1:" + options.ports().prometheus() + "/-/ready");
    }

    private void startNginx() {
        Path config = StackConfigs.writeNginx(layout, options.ports());
        startProcess("nginx", List.of(programs.path("nginx"), "-p", layout.nginx().toString(),
                "-c", config.toString(), "-g", "daemon off;"), Map.of(),
                publicUrl() + "/login"); // the sign-in form, through nginx: health is not reachable there
    }

    private ChildProcess startProcess(String name, List<String> command, Map<String, String> env, String readyUrl) {
        ChildProcess process = new ChildProcess(name, command, layout.log(name)).environment(env);
        running.push(process);
        try {
            return process.start().awaitReady(Readiness.httpOk(readyUrl), START_TIMEOUT);
        } catch (ChildProcessException e) {
            throw new LocalStackException(e.getMessage(), e); // run.sh prints it as it is, without a stack trace
        }
    }

    /** Kills the token-service as a crash would. */
    public void killTokenService() {
        tokenService.kill();
    }

    /** Starts the token-service again; returns once it is healthy (its index rebuilt from the log). */
    public void restartTokenService() {
        tokenService = startTokenService();
    }

    /**
     * Kills the token-service and starts it with {@code key} (a Micronaut setting such as
     * {@code liberator.kafka.skip-offsets}) set from now on, as an operator changes its configuration.
     */
    public void restartTokenServiceWith(String key, String value) {
        tokenServiceSettings.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
        tokenService.kill();
        tokenService = startTokenService();
    }

    /** Kills a gateway replica as a crash would. */
    public void killGateway(int replica) {
        gateways.get(replica).kill();
    }

    /** Starts a killed replica again; returns once it reports ready (caught up). */
    public void restartGateway(int replica) {
        gateways.set(replica, startGateway(replica));
    }

    public String publicUrl() {
        return "http://127.0.0.1:" + options.ports().publicHttp();
    }

    public String publicHttpsUrl() {
        return "https://localhost:" + options.ports().publicHttps();
    }

    public StackPorts ports() {
        return options.ports();
    }

    /** The broker the stack uses: stop and start it to simulate an outage. */
    public KafkaBroker kafka() {
        return kafka;
    }

    public ChildProcess tokenService() {
        return tokenService;
    }

    public ChildProcess gateway(int replica) {
        return gateways.get(replica);
    }

    public String adminPassword() {
        return options.adminPassword();
    }

    public Path dataDirectory() {
        return layout.root();
    }

    /** The checkout the stack runs from: its service jars and the deployment's Grafana file. */
    public Path repoRoot() {
        return options.repoRoot();
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            }
        }
    }
}
