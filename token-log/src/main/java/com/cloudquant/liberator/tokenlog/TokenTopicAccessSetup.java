package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.LogTopic;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A deployment's one-shot Kafka set-up, run as the cluster's admin (docker-compose.yml's
 * {@code kafka-access} job): sets the SCRAM-SHA-512 passwords of the token-service's, the
 * gateways' and the audit tool's users, then grants the token topic's ACLs
 * ({@link TokenTopicAccess}). Running it again changes nothing but the passwords, which is how
 * a password is rotated. Everything comes from the environment, never from the command line:
 * <pre>
 * LIBERATOR_KAFKA_BOOTSTRAP_SERVERS        kafka-1:9092,...
 * LIBERATOR_KAFKA_TOPIC                    the token topic (default {@value com.cloudquant.liberator.events.LogTopic#DEFAULT_NAME})
 * LIBERATOR_KAFKA_ADMIN_PASSWORD           the admin's ({@value #ADMIN_USER}) password
 * LIBERATOR_KAFKA_ADMIN_MECHANISM          how the admin signs in: PLAIN (default) or SCRAM-SHA-512
 * LIBERATOR_KAFKA_TOKEN_SERVICE_PASSWORD   password of {@value #TOKEN_SERVICE_USER}
 * LIBERATOR_KAFKA_GATEWAY_PASSWORD         password of {@value #GATEWAY_USER}
 * LIBERATOR_KAFKA_AUDIT_PASSWORD           password of {@value #AUDIT_USER}
 * </pre>
 * Exit code 0 when done, 1 when Kafka refused or did not answer, 2 for a missing setting.
 */
public final class TokenTopicAccessSetup {

    public static final String ADMIN_USER = "liberator-admin";
    public static final String TOKEN_SERVICE_USER = "liberator-token-service";
    public static final String GATEWAY_USER = "liberator-gateway";
    public static final String AUDIT_USER = "liberator-audit";

    /** The environment variables it reads (above). */
    public static final String BOOTSTRAP_SERVERS = "LIBERATOR_KAFKA_BOOTSTRAP_SERVERS";
    public static final String TOPIC = "LIBERATOR_KAFKA_TOPIC";
    public static final String ADMIN_PASSWORD = "LIBERATOR_KAFKA_ADMIN_PASSWORD";
    public static final String ADMIN_MECHANISM = "LIBERATOR_KAFKA_ADMIN_MECHANISM";
    public static final String TOKEN_SERVICE_PASSWORD = "LIBERATOR_KAFKA_TOKEN_SERVICE_PASSWORD";
    public static final String GATEWAY_PASSWORD = "LIBERATOR_KAFKA_GATEWAY_PASSWORD";
    public static final String AUDIT_PASSWORD = "LIBERATOR_KAFKA_AUDIT_PASSWORD";
    /** The passwords, the admin's first. */
    public static final List<String> PASSWORDS = List.of(ADMIN_PASSWORD, TOKEN_SERVICE_PASSWORD, GATEWAY_PASSWORD,
            AUDIT_PASSWORD);
    /** Every variable it reads. */
    public static final List<String> VARIABLES = List.of(BOOTSTRAP_SERVERS, TOPIC, ADMIN_PASSWORD, ADMIN_MECHANISM,
            TOKEN_SERVICE_PASSWORD, GATEWAY_PASSWORD, AUDIT_PASSWORD);

    private static final int SCRAM_ITERATIONS = 8192;
    private static final int MIN_PASSWORD_LENGTH = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TokenTopicAccessSetup() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /** Does the set-up; the exit code. */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        String bootstrap = env.get(BOOTSTRAP_SERVERS);
        String topic = env.getOrDefault(TOPIC, LogTopic.DEFAULT_NAME);
        List<String> missing = new ArrayList<>();
        if (bootstrap == null || bootstrap.isBlank()) {
            missing.add(BOOTSTRAP_SERVERS);
        }
        for (String name : PASSWORDS) {
            String password = env.getOrDefault(name, "");
            // the password ends up inside a quoted JAAS value
            if (password.length() < MIN_PASSWORD_LENGTH || !password.matches("[^\"\\\\\\s]+")) {
                missing.add(name + " (at least " + MIN_PASSWORD_LENGTH + " characters, no quote, backslash or space)");
            }
        }
        if (!missing.isEmpty()) {
            err.println("kafka-access: set " + String.join(", ", missing));
            return 2;
        }
        String mechanism = env.getOrDefault(ADMIN_MECHANISM, "PLAIN");
        try (Admin admin = Admin.create(adminProperties(bootstrap, mechanism, env.get(ADMIN_PASSWORD)))) {
            admin.alterUserScramCredentials(List.<UserScramCredentialAlteration>of(
                    upsert(TOKEN_SERVICE_USER, env.get(TOKEN_SERVICE_PASSWORD)),
                    upsert(GATEWAY_USER, env.get(GATEWAY_PASSWORD)),
                    upsert(AUDIT_USER, env.get(AUDIT_PASSWORD))))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            TokenTopicAccess access = new TokenTopicAccess(topic, "User:" + TOKEN_SERVICE_USER,
                    List.of("User:" + GATEWAY_USER), List.of("User:" + AUDIT_USER));
            List<org.apache.kafka.common.acl.AclBinding> removed = access.grant(admin, TIMEOUT);
            removed.forEach(binding -> out.println("kafka-access: removed grant not in the set: " + binding));
            out.println("kafka-access: users=" + List.of(TOKEN_SERVICE_USER, GATEWAY_USER, AUDIT_USER) + " topic=" + topic
                    + " acls=" + access.bindings().size() + " removed=" + removed.size()
                    + " writerTransactionalId=" + access.writerTransactionalId());
            return 0;
        } catch (ExecutionException e) {
            err.println("kafka-access: Kafka at " + bootstrap + " refused: " + e.getCause().getMessage()
                    + "; check " + ADMIN_PASSWORD + " and that " + ADMIN_USER + " is the brokers' super user");
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("kafka-access: Kafka at " + bootstrap + " did not answer within " + TIMEOUT);
        } catch (IllegalStateException e) {
            err.println("kafka-access: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("kafka-access: interrupted");
        }
        return 1;
    }

    private static UserScramCredentialUpsertion upsert(String user, String password) {
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                password);
    }

    private static Properties adminProperties(String bootstrap, String mechanism, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", module + " required username=\"" + ADMIN_USER + "\" password=\"" + password + "\";");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "liberator-kafka-access");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }
}
