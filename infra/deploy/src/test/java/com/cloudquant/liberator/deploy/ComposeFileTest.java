package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml, checked without a Docker engine: Compose accepts it, everything it
 * mounts or builds from the repository exists, and the topology keeps the properties the design
 * depends on. The keys it gives our services: {@link ComposeConfigurationKeysTest}.
 */
class ComposeFileTest {

    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> GATEWAYS = List.of("gateway-1", "gateway-2");

    private static ComposeModel compose;

    @BeforeAll
    static void resolve(@TempDir Path scratch) {
        compose = ComposeModel.load(scratch);
    }

    @Test
    void debianDockerComposeAcceptsTheFile(@TempDir Path scratch) {
        Programs.Result result = ComposeModel.config(scratch, "-q");

        assertThat(result.succeeded()).as("docker-compose config -q:\n%s", result.output()).isTrue();
    }

    @Test
    void passwordsMustBeSetBeforeTheStackStarts(@TempDir Path scratch) throws IOException {
        Path withoutPasswords = Files.createDirectories(scratch.resolve("empty"));
        Files.writeString(withoutPasswords.resolve(".env"), "");
        String compose = Programs.require("docker-compose", "docker-compose");

        Programs.Result result = Programs.run(withoutPasswords, List.of(compose, "--file", ComposeModel.COMPOSE_FILE.toString(),
                "--project-directory", Repository.ROOT.toString(), "--env-file", withoutPasswords.resolve(".env").toString(),
                "config", "-q"), environment -> environment.keySet().removeIf(name -> name.endsWith("_PASSWORD")));

        assertThat(result.succeeded()).isFalse();
        // the first one missing is named: the Kafka admin's, which the brokers need first
        assertThat(result.output()).contains("LIBERATOR_KAFKA_ADMIN_PASSWORD");
    }

    /** Each password on its own: an .env that lacks one names it, and nothing starts. */
    @Test
    void everyPasswordMustBeSetOnItsOwn(@TempDir Path scratch) throws IOException {
        String compose = Programs.require("docker-compose", "docker-compose");
        List<String> passwords = new ArrayList<>(KafkaUsers.PASSWORD_VARIABLES);
        passwords.add("LIBERATOR_ADMIN_PASSWORD");
        for (String variable : passwords) {
            Path dir = Files.createDirectories(scratch.resolve(variable));
            Files.writeString(dir.resolve(".env"), Files.readString(ComposeModel.ENV_EXAMPLE).replaceAll("(?m)^" + variable + "=.*$", ""));

            Programs.Result result = Programs.run(dir, List.of(compose, "--file", ComposeModel.COMPOSE_FILE.toString(),
                    "--project-directory", Repository.ROOT.toString(), "--env-file", dir.resolve(".env").toString(),
                    "config", "-q"), environment -> environment.keySet().removeIf(name -> name.startsWith("LIBERATOR_")));

            assertThat(result.succeeded()).as(variable).isFalse();
            assertThat(result.output()).as(variable).contains(variable);
        }
    }

    @Test
    void everyFileAndDirectoryMountedFromTheRepositoryExists() {
        List<String> checked = new ArrayList<>();
        for (String service : compose.services().keySet()) {
            for (String mount : compose.mounts(service)) {
                String source = mount.substring(0, mount.indexOf(':'));
                if (source.startsWith(Repository.ROOT + "/")) {
                    assertThat(Path.of(source)).as("%s mounts %s", service, source).exists();
                    checked.add(source);
                } else if (source.startsWith("/")) {
                    // the only host path outside the repository: node exporter reads the host
                    assertThat(service + " " + source).isEqualTo("node-exporter /");
                } else {
                    assertThat(compose.volumes()).as("%s mounts the named volume %s", service, source).containsKey(source);
                }
            }
        }
        assertThat(checked).as("bind mounts from the repository").hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyImageBuiltFromTheRepositoryHasItsContextAndDockerfile() {
        for (String service : compose.services().keySet()) {
            Map<String, Object> build = ComposeModel.map(compose.service(service).get("build"));
            if (build.isEmpty()) {
                continue;
            }
            Path context = Path.of(String.valueOf(build.get("context")));
            assertThat(context).as("%s build context", service).isDirectory();
            assertThat(context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))))
                    .as("%s Dockerfile", service).isRegularFile();
            compose.module(service).ifPresent(module ->
                    assertThat(Repository.path(module + "/pom.xml")).as("%s builds the Maven module %s", service, module).isRegularFile());
        }
        assertThat(compose.module("token-service")).contains("token-service");
        GATEWAYS.forEach(gateway -> assertThat(compose.module(gateway)).contains("gateway"));
    }

    @Test
    void theImageEntrypointPassesJavaOptionsToTheJvm() throws IOException {
        String dockerfile = Files.readString(Repository.path("infra/docker/Dockerfile"));

        assertThat(dockerfile).contains("exec java $JAVA_OPTS -jar /app/app.jar");
    }

    @Test
    void kafkaIsThreeCombinedKraftNodesReplicatingThreeWaysWithMinIsrTwo() {
        for (String broker : BROKERS) {
            Map<String, String> env = compose.environment(broker);
            assertThat(compose.service(broker).get("image")).asString().startsWith("apache/kafka:");
            assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_NODE_ID", String.valueOf(BROKERS.indexOf(broker) + 1))
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "SASL_PLAINTEXT://" + broker + ":9092")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
            assertThat(env.get("CLUSTER_ID")).isEqualTo(compose.environment(BROKERS.get(0)).get("CLUSTER_ID"));
            assertThat(compose.mounts(broker)).hasSize(2).first().asString().startsWith(broker + "-data:/var/lib/kafka/data");
        }
    }

    @Test
    void theTokenTopicIsCreatedOnceWithItsAuditedSettings() throws IOException {
        Map<String, Object> init = compose.service("kafka-init");
        String script = Files.readString(Repository.path("infra/docker/kafka/create-token-topic.sh"));

        assertThat(init.get("restart")).isEqualTo("no");
        assertThat(compose.mounts("kafka-init")).anyMatch(m -> m.contains("create-token-topic.sh"));
        assertThat(compose.environment("kafka-init")).containsEntry("LIBERATOR_TOKEN_TOPIC", "liberator.metrics-tokens.v1")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
        assertThat(script).contains("--create --if-not-exists", "--partitions 1", "--replication-factor 3",
                "--config min.insync.replicas=2", "--config retention.ms=-1", "--config cleanup.policy=delete");
        BROKERS.forEach(broker -> assertThat(dependency("kafka-init", broker)).isEqualTo("service_healthy"));
        assertThat(dependency("kafka-access", "kafka-init")).isEqualTo("service_completed_successfully");
        assertThat(dependency("token-service", "kafka-access")).isEqualTo("service_completed_successfully");
        GATEWAYS.forEach(gateway -> assertThat(dependency(gateway, "kafka-access")).isEqualTo("service_completed_successfully"));
    }

    @Test
    void theBrokersLetInOnlySignedInUsersAndAuthoriseEveryRequest() {
        for (String broker : BROKERS) {
            Map<String, String> env = compose.environment(broker);
            assertThat(env).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_SUPER_USERS", "User:" + KafkaUsers.ADMIN)
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512,PLAIN");
            assertThat(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                    .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
            assertThat(env.get("KAFKA_OPTS")).contains("java.security.auth.login.config=/opt/kafka/config/liberator/jaas.conf");
            assertThat(compose.command(broker)).containsExactly("/bin/sh", "/opt/liberator/kafka-broker.sh");
            assertThat(compose.mounts(broker)).contains(Repository.ROOT + "/infra/docker/kafka/kafka-broker.sh:/opt/liberator/kafka-broker.sh:ro");
        }
    }

    /**
     * Each of our services signs in as its own user, with that user's password from .env; the
     * admin's password reaches the brokers and the two set-up jobs and nobody else.
     */
    @Test
    void everyKafkaClientSignsInAsItsOwnUserAndOnlyTheSetUpJobsHoldTheAdminPassword() throws IOException {
        assertThat(KafkaUsers.credentials(compose, "token-service")).containsExactly(KafkaUsers.TOKEN_SERVICE,
                KafkaUsers.password("LIBERATOR_KAFKA_TOKEN_SERVICE_PASSWORD"));
        for (String gateway : GATEWAYS) {
            assertThat(KafkaUsers.credentials(compose, gateway)).containsExactly(KafkaUsers.GATEWAY,
                    KafkaUsers.password("LIBERATOR_KAFKA_GATEWAY_PASSWORD"));
        }
        assertThat(compose.environment("kafka-access")).as("kafka-access is given what TokenTopicAccessSetup reads")
                .containsOnlyKeys(KafkaUsers.setUpVariables())
                .containsEntry("LIBERATOR_KAFKA_ADMIN_MECHANISM", "PLAIN");
        assertThat(compose.service("kafka-access").get("entrypoint")).asString()
                .contains("com.cloudquant.liberator.tokenlog.TokenTopicAccessSetup");

        String admin = KafkaUsers.password("LIBERATOR_KAFKA_ADMIN_PASSWORD");
        Set<String> holders = new TreeSet<>();
        for (String service : compose.services().keySet()) {
            if (compose.environment(service).values().stream().anyMatch(value -> value.contains(admin))) {
                holders.add(service);
            }
        }
        assertThat(holders).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "kafka-init", "kafka-access");
        assertThat(Set.copyOf(KafkaUsers.PASSWORD_VARIABLES.stream().map(KafkaUsers::password).toList()))
                .as("four different passwords in .env.example").hasSize(4);
    }

    @Test
    void prometheusRunsWithoutAdminApiRemoteWriteReceiverOrLifecycle() {
        List<String> command = compose.command("prometheus");

        assertThat(command).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(String.join(" ", command)).doesNotContain("--web.enable-admin-api", "--web.enable-remote-write-receiver",
                "--web.enable-lifecycle", "remote-write-receiver", "otlp");
        assertThat(compose.mounts("prometheus")).anyMatch(m -> m.endsWith("/infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));
    }

    @Test
    void onlyTheTokenServiceHoldsThePrivateSigningKey() {
        Map<String, String> tokenService = compose.environment("token-service");
        assertThat(tokenService).containsEntry("LIBERATOR_SIGNING_GENERATE_IF_MISSING", "true")
                .containsEntry("LIBERATOR_SIGNING_PRIVATE_KEY_FILE", "/var/lib/liberator/private/signing-private.pem")
                .containsEntry("LIBERATOR_SIGNING_PUBLIC_KEY_FILE", "/var/lib/liberator/public/signing-public.pem");
        assertThat(compose.mounts("token-service")).contains("signing-private:/var/lib/liberator/private:rw",
                "signing-public:/var/lib/liberator/public:rw");

        for (String gateway : GATEWAYS) {
            assertThat(compose.mounts(gateway)).containsExactly("signing-public:/var/lib/liberator/public:ro");
            assertThat(compose.environment(gateway)).containsEntry("LIBERATOR_SIGNING_PUBLIC_KEY_FILES",
                    tokenService.get("LIBERATOR_SIGNING_PUBLIC_KEY_FILE"));
            assertThat(dependency(gateway, "token-service")).isEqualTo("service_healthy");
        }
        compose.services().keySet().stream().filter(s -> !s.equals("token-service"))
                .forEach(service -> assertThat(compose.mounts(service)).noneMatch(m -> m.startsWith("signing-private:")));
    }

    @Test
    void servicesTrustForwardedHeadersFromNginxAlone() {
        Map<String, Object> nginxNetworks = ComposeModel.map(compose.service("nginx").get("networks"));
        String nginxAddress = String.valueOf(ComposeModel.map(nginxNetworks.get("default")).get("ipv4_address"));

        for (String gateway : GATEWAYS) {
            assertThat(compose.environment(gateway)).containsEntry("LIBERATOR_TRUSTED_PROXIES", nginxAddress + "/32")
                    .containsEntry("LIBERATOR_GATEWAY_UPSTREAM_URL", "http://prometheus:9090");
        }
        // the token-service counts failed sign-ins per client: behind nginx only nginx may name the client
        assertThat(compose.environment("token-service")).containsEntry("LIBERATOR_TRUSTED_PROXIES", nginxAddress + "/32");
    }

    /** A Grafana admin can add any data source: Grafana must reach the gateways' slice and nothing else. */
    @Test
    void grafanaSharesANetworkWithNginxAlone() {
        assertThat(networks("grafana")).containsExactly("edge");
        assertThat(networks("nginx")).containsExactlyInAnyOrder("default", "edge");
        compose.services().keySet().stream().filter(s -> !s.equals("nginx") && !s.equals("grafana"))
                .forEach(service -> assertThat(networks(service)).as(service).doesNotContain("edge"));
    }

    private java.util.Set<String> networks(String service) {
        Object networks = compose.service(service).get("networks");
        return networks == null ? java.util.Set.of("default") : ComposeModel.map(networks).keySet();
    }

    @Test
    void nginxIsThePublicEntryOnHttpAndTls() {
        assertThat(compose.ports("nginx")).containsExactlyInAnyOrder("8080:8080", "8443:8443");
        assertThat(compose.mounts("nginx")).contains(Repository.ROOT + "/infra/nginx/nginx.conf:/etc/nginx/nginx.conf:ro",
                "tls:/etc/nginx/tls:ro");
        assertThat(compose.mounts("tls-init")).contains("tls:/tls:rw");
        assertThat(dependency("nginx", "tls-init")).isEqualTo("service_completed_successfully");
        GATEWAYS.forEach(gateway -> assertThat(dependency("nginx", gateway)).isEqualTo("service_healthy"));
        // only nginx, Prometheus and Grafana publish ports; the last two on loopback only
        for (String service : compose.services().keySet()) {
            if (!service.equals("nginx")) {
                assertThat(compose.ports(service)).as("ports of %s", service).allMatch(port -> port.startsWith("127.0.0.1:"));
            }
        }
        assertThat(compose.ports("grafana")).containsExactly("127.0.0.1:3000:3000");
        assertThat(compose.ports("prometheus")).containsExactly("127.0.0.1:9090:9090");
    }

    @Test
    void healthchecksAskTheManagementPortsAndTheSessionCookieIsSecure() {
        for (String service : List.of("token-service", "gateway-1", "gateway-2")) {
            Map<String, String> env = compose.environment(service);
            List<String> healthcheck = ComposeModel.strings(ComposeModel.map(compose.service(service).get("healthcheck")).get("test"));

            assertThat(env).as(service).containsEntry("ENDPOINTS_ALL_PORT", "8081").containsEntry("MICRONAUT_SERVER_PORT", "8080");
            assertThat(healthcheck).as(service).anyMatch(arg -> arg.startsWith("http://127.0.0.1:8081/health"));
        }
        // the page is served over TLS only: the session cookie is Secure even if a request forgot to say so
        assertThat(compose.environment("token-service")).containsEntry("MICRONAUT_SECURITY_TOKEN_COOKIE_COOKIE_SECURE", "true");
        // 8088 is nginx's internal listener: never published
        assertThat(compose.ports("nginx")).noneMatch(port -> port.endsWith(":8088"));
    }

    @Test
    void grafanaGetsTheDatasourceFileTheDashboardAndItsTokenFromTheEnvironment() {
        List<String> mounts = compose.mounts("grafana");
        Map<String, String> env = compose.environment("grafana");

        assertThat(mounts).contains(
                Repository.ROOT + "/infra/grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro",
                Repository.ROOT + "/infra/grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro",
                Repository.ROOT + "/infra/grafana/dashboards:/etc/grafana/dashboards/liberator:ro");
        assertThat(env).containsKeys("LIBERATOR_GRAFANA_TOKEN", "LIBERATOR_GRAFANA_DATASOURCE_URL");
        assertThat(env.get("LIBERATOR_GRAFANA_DATASOURCE_URL")).isEqualTo("http://nginx:8088/metrics-api-bearer");
        assertThat(env.get("LIBERATOR_GRAFANA_TOKEN")).as("no token in .env.example").isEmpty();
    }

    @Test
    void noTokenOrPasswordIsCommittedInTheDeploymentFiles() throws IOException {
        for (String file : List.of("docker-compose.yml", ".env.example", "infra/grafana/provisioning/datasources/cloudquant.yaml")) {
            String text = Files.readString(Repository.path(file));
            assertThat(text).as(file).doesNotContainPattern("cqm_[0-9a-f]{48}");
        }
        assertThat(Files.readString(Repository.path(".gitignore")).lines()).as(".gitignore").contains(".env");
        assertThat(Files.readString(Repository.path(".env.example")))
                .contains("LIBERATOR_ADMIN_PASSWORD=change-me", "GRAFANA_ADMIN_PASSWORD=change-me", "LIBERATOR_GRAFANA_TOKEN=\n");
    }

    @Test
    void envExampleListsExactlyTheVariablesTheComposeFileReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)").matcher(Files.readString(ComposeModel.COMPOSE_FILE));
        while (variable.find()) {
            read.add(variable.group(1));
        }
        Set<String> listed = new TreeSet<>();
        Matcher assignment = Pattern.compile("(?m)^#?([A-Z_][A-Z0-9_]*)=").matcher(Files.readString(ComposeModel.ENV_EXAMPLE));
        while (assignment.find()) {
            listed.add(assignment.group(1));
        }

        assertThat(listed).isEqualTo(read);
    }

    @Test
    void deploymentPageNamesEveryService() throws IOException {
        String page = Files.readString(Repository.path("docs/deployment.md"));

        assertThat(compose.services().keySet()).allSatisfy(service -> assertThat(page).contains("`" + service + "`"));
    }

    private static String dependency(String service, String on) {
        Map<String, Object> dependsOn = ComposeModel.map(compose.service(service).get("depends_on"));
        return String.valueOf(ComposeModel.map(dependsOn.get(on)).get("condition"));
    }
}
