package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.ScramUser;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployment's one-shot Kafka set-up against a broker that knows only its admin: it makes
 * the services' users, grants the topic's ACLs, and run again with a new password rotates it.
 */
class TokenTopicAccessSetupTest {

    private static final ScramUser ADMIN = ScramUser.withRandomPassword(TokenTopicAccessSetup.ADMIN_USER);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(EmbeddedKafka.builder().scram(ADMIN, List.of()));

    @Test
    void makesTheUsersGrantsTheAclsAndRotatesAPasswordWhenRunAgain() {
        String topic = KAFKA.createTokenTopic();
        Map<String, String> env = environment("gateway-password-one");

        assertThat(run(env).exitCode()).isZero();
        assertThat(canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-one")).isTrue();
        assertThat(canRead(topic, TokenTopicAccessSetup.AUDIT_USER, "audit-password-0123456")).isTrue();

        Run rotated = run(environment("gateway-password-two"));
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("liberator-gateway").doesNotContain("gateway-password-two");
        assertThat(canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-two")).isTrue();
        assertThatThrownBy(() -> canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-one"))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
    }

    /** A grant an earlier set (or a hand) made on the topic is gone after the set-up ran again. */
    @Test
    void runningAgainRemovesGrantsThatAreNotInTheSet() throws Exception {
        String topic = KAFKA.createTokenTopic();
        assertThat(run(environment("gateway-password-one")).exitCode()).isZero();
        org.apache.kafka.common.acl.AclBinding extra = new org.apache.kafka.common.acl.AclBinding(
                new org.apache.kafka.common.resource.ResourcePattern(org.apache.kafka.common.resource.ResourceType.TOPIC, topic,
                        org.apache.kafka.common.resource.PatternType.LITERAL),
                new org.apache.kafka.common.acl.AccessControlEntry("User:" + TokenTopicAccessSetup.GATEWAY_USER, "*",
                        org.apache.kafka.common.acl.AclOperation.WRITE, org.apache.kafka.common.acl.AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createAcls(List.of(extra)).all().get();
        }

        Run again = run(environment("gateway-password-one"));

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("removed=1").contains("removed grant not in the set");
        try (Admin admin = Admin.create(adminProperties())) {
            var left = admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
            assertThat(left).doesNotContain(extra);
            assertThat(left).containsAll(new TokenTopicAccess(topic, "User:" + TokenTopicAccessSetup.TOKEN_SERVICE_USER,
                    List.of("User:" + TokenTopicAccessSetup.GATEWAY_USER), List.of("User:" + TokenTopicAccessSetup.AUDIT_USER))
                    .bindings());
        }
        assertThat(canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-one")).isTrue();
    }

    /**
     * The brokers as docker-compose.yml runs them: the admin a SASL/PLAIN user of the brokers'
     * own JAAS settings (among themselves, on the controller listener, and for the set-up), every
     * other user SCRAM, made by the set-up through the admin API.
     */
    @Test
    void withTheAdminAPlainUserOfTheBrokersAsInDockerCompose() throws Exception {
        String password = "compose-admin-password-0123";
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + TokenTopicAccessSetup.ADMIN_USER
                + "\" password=\"" + password + "\" user_" + TokenTopicAccessSetup.ADMIN_USER + "=\"" + password + "\";";
        try (EmbeddedKafka compose = EmbeddedKafka.builder()
                .brokerProperty("listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN")
                .brokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .brokerProperty("sasl.mechanism.controller.protocol", "PLAIN")
                .brokerProperty("listener.name.plaintext.plain.sasl.jaas.config", plain)
                .brokerProperty("listener.name.plaintext.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty("listener.name.controller.plain.sasl.jaas.config", plain)
                // the brokers' JAAS file names both modules for every listener
                .brokerProperty("listener.name.controller.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("super.users", "User:" + TokenTopicAccessSetup.ADMIN_USER)
                .brokerProperty("allow.everyone.if.no.acl.found", "false")
                .build().start()) {
            Map<String, String> env = environment("gateway-password-one");
            env.put("LIBERATOR_KAFKA_BOOTSTRAP_SERVERS", compose.bootstrapServers());
            env.put("LIBERATOR_KAFKA_ADMIN_PASSWORD", password);
            env.remove("LIBERATOR_KAFKA_ADMIN_MECHANISM"); // PLAIN, the default
            Map<String, Object> admin = new HashMap<>(Map.of("bootstrap.servers", compose.bootstrapServers(),
                    "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                    plain.substring(0, plain.indexOf(" user_")) + ";"));
            try (Admin client = Admin.create(admin)) {
                TokenTopic.local().createIn(client);
            }

            Run run = run(env);

            assertThat(run.exitCode()).as(run.err()).isZero();
            TokenLogSettings gateway = new TokenLogSettings(compose.bootstrapServers(), LogTopic.DEFAULT_NAME,
                    Duration.ofSeconds(10), new ScramUser(TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-one").clientProperties(),
                    false);
            try (Admin client = Admin.create(gateway.adminProperties())) {
                assertThat(new TopicCheck(client, gateway).inspect().violations()).isEmpty();
            }
            try (CommittedRecords records = CommittedRecords.open(gateway, 0)) {
                assertThat(records.next()).isEmpty();
            }
        }
    }

    @Test
    void aMissingOrWeakPasswordIsNamedAndNothingIsTouched() {
        Map<String, String> env = environment("short");
        env.remove("LIBERATOR_KAFKA_AUDIT_PASSWORD");

        Run run = run(env);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("LIBERATOR_KAFKA_GATEWAY_PASSWORD", "LIBERATOR_KAFKA_AUDIT_PASSWORD")
                .doesNotContain("short");
    }

    @Test
    void aWrongAdminPasswordIsReportedAsSuch() {
        Map<String, String> env = environment("gateway-password-one");
        env.put("LIBERATOR_KAFKA_ADMIN_PASSWORD", "not-the-admin-password");

        Run run = run(env);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("LIBERATOR_KAFKA_ADMIN_PASSWORD").doesNotContain("not-the-admin-password");
    }

    private static Map<String, String> environment(String gatewayPassword) {
        Map<String, String> env = new HashMap<>();
        env.put("LIBERATOR_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        env.put("LIBERATOR_KAFKA_ADMIN_PASSWORD", ADMIN.password());
        env.put("LIBERATOR_KAFKA_ADMIN_MECHANISM", ScramUser.MECHANISM);
        env.put("LIBERATOR_KAFKA_TOKEN_SERVICE_PASSWORD", "token-service-password-0123");
        env.put("LIBERATOR_KAFKA_GATEWAY_PASSWORD", gatewayPassword);
        env.put("LIBERATOR_KAFKA_AUDIT_PASSWORD", "audit-password-0123456");
        return env;
    }

    /** Whether {@code user} signs in and passes token-log's topic check, which needs its ACLs. */
    private static boolean canDescribe(String topic, String user, String password) {
        TokenLogSettings settings = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(10),
                new ScramUser(user, password).clientProperties(), false);
        try (Admin admin = Admin.create(settings.adminProperties())) {
            return new TopicCheck(admin, settings).inspect().violations().isEmpty();
        }
    }

    /** Whether {@code user} signs in and reads the log as the audit tool does. */
    private static boolean canRead(String topic, String user, String password) {
        TokenLogSettings settings = new TokenLogSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(10),
                new ScramUser(user, password).clientProperties(), false);
        try (CommittedRecords records = CommittedRecords.open(settings, 0)) {
            return records.next().isEmpty();
        }
    }

    private static Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>(KAFKA.broker().adminClientProperties());
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return properties;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenTopicAccessSetup.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
