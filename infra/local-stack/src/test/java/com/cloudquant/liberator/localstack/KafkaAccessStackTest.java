package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.tokenlog.TokenTopicAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack's Kafka as an intruder on the host finds it: without a password nothing reads the
 * log, and with the gateways' password (the most widely deployed one) nothing writes it or
 * takes the token-service's transaction away. The token-service and the gateways keep working
 * with their own users, and the audit tool verifies the log with its read-only one.
 */
@ExtendWith(SharedStack.class)
class KafkaAccessStackTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private LocalStack stack;
    private StackClient client;

    @BeforeEach
    void connect() {
        stack = SharedStack.stack();
        client = SharedStack.client();
    }

    @Test
    void theKafkaPasswordsAreReadableByTheOwnerOnlyAndOnNoCommandLine() throws IOException {
        Path dir = stack.dataDirectory().resolve("keys/kafka");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("liberator-admin.password",
                "liberator-token-service.password", "liberator-gateway.password", "liberator-audit.password",
                "liberator-audit.properties");
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        List<String> commandLines = ProcessHandle.current().descendants()
                .map(p -> p.info().commandLine().orElse("")).toList();
        assertThat(commandLines).as("the services run").anyMatch(line -> line.contains("token-service"));
        for (Path file : files) {
            if (file.toString().endsWith(".password")) {
                String password = Files.readString(file).trim();
                assertThat(commandLines).noneMatch(line -> line.contains(password));
            }
        }
    }

    @Test
    void withoutAPasswordNothingReadsTheLog() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LogTopic.DEFAULT_NAME, 0);
            assertThatThrownBy(() -> consumer.endOffsets(List.of(partition)))
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void theGatewaysPasswordNeitherWritesTheLogNorTakesTheTokenServicesTransaction() throws Exception {
        Map<String, Object> gateway = gatewayUser();
        try (KafkaProducer<String, byte[]> forger = new KafkaProducer<>(gateway, new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(() -> forger.send(new ProducerRecord<>(LogTopic.DEFAULT_NAME, "forged", new byte[] {1}))
                    .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(AuthorizationException.class);
        }
        Map<String, Object> transactional = new HashMap<>(gateway);
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TokenTopicAccess.writerTransactionalId(LogTopic.DEFAULT_NAME));
        try (KafkaProducer<String, byte[]> usurper = new KafkaProducer<>(transactional, new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(usurper::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }

        // the token-service was not fenced: it issues, a gateway accepts, a revoke is refused everywhere
        StackClient.Issued issued = client.issue("after-intrusion");
        await().atMost(PROPAGATION).until(() -> client.queryReplica(0, issued.token(), "up").statusCode() == 200);
        assertThat(client.revoke(issued.id()).statusCode()).isEqualTo(200);
        await().atMost(PROPAGATION).until(() -> client.queryReplica(0, issued.token(), "up").statusCode() == 401
                && client.queryReplica(1, issued.token(), "up").statusCode() == 401);
    }

    @Test
    void theAuditToolVerifiesTheLogWithItsReadOnlyUserAndCannotWithout() throws Exception {
        client.issue("audited");
        List<String> verify = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                auditJar().toString(), "verify", "--bootstrap-servers", stack.kafka().bootstrapServers(),
                "--public-key", stack.dataDirectory().resolve("keys/event-signing-public.pem").toString(),
                "--no-progress", "--timeout", "PT5S"));
        List<String> withUser = new ArrayList<>(verify);
        withUser.addAll(List.of("--client-config", stack.auditClientConfig().toString()));

        Result verified = run(withUser);
        assertThat(verified.exitCode()).as(verified.output()).isZero();

        Result anonymous = run(verify);
        assertThat(anonymous.exitCode()).as(anonymous.output()).isEqualTo(3);
    }

    private Map<String, Object> gatewayUser() throws IOException {
        String password = Files.readString(stack.dataDirectory().resolve("keys/kafka/liberator-gateway.password")).trim();
        Map<String, Object> config = new HashMap<>(
                new com.cloudquant.liberator.kafka.ScramUser("liberator-gateway", password).clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    private static Path auditJar() {
        return Path.of(System.getProperty("liberator.repo.root", "../.."), "audit-tool/target/liberator-audit.jar");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
