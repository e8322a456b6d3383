package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.ScramUser;
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
        assertThat(canDescribe(topic, TokenTopicAccessSetup.AUDIT_USER, "audit-password-0123456")).isTrue();

        Run rotated = run(environment("gateway-password-two"));
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("liberator-gateway").doesNotContain("gateway-password-two");
        assertThat(canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-two")).isTrue();
        assertThatThrownBy(() -> canDescribe(topic, TokenTopicAccessSetup.GATEWAY_USER, "gateway-password-one"))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
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
