package com.cloudquant.liberator.gateway.testing;

import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.gateway.projection.TokenHash;
import com.cloudquant.liberator.gateway.projection.TokenProjection;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.kafka.KafkaBroker;
import com.cloudquant.liberator.kafka.TokenTopic;
import com.cloudquant.liberator.promql.Scope;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A gateway replica as it runs in production, on its own fresh topic of the shared broker (or of
 * a broker the test owns), plus the producer a token-service would be, writing signed events.
 */
public final class GatewayHarness implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    /**
     * {@code liberator.gateway.limits.max-lookback} off, for a test of forwarding or scoping against a
     * recording upstream whose requests carry no {@code start} (or one in 1970): what it checks is not
     * the lookback limit ({@code QueryLimitsThroughGatewayTest} checks that against a real Prometheus).
     */
    public static final Map<String, Object> NO_LOOKBACK_LIMIT = Map.of("liberator.gateway.limits.max-lookback", "0s");

    private final EmbeddedServer server;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String bootstrap;
    private final String topic;
    private final SignedLog log;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private GatewayHarness(EmbeddedServer server, KafkaProducer<byte[], byte[]> producer, String bootstrap, String topic,
                           SignedLog log, int managementPort) {
        this.server = server;
        this.producer = producer;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.log = log;
        this.managementPort = managementPort;
    }

    public static GatewayHarness start(String upstreamUrl, Map<String, Object> overrides) {
        return start(SharedInfra.kafka(), upstreamUrl, overrides);
    }

    /** A replica on a fresh topic of {@code kafka}: a test that takes its broker down brings its own. */
    public static GatewayHarness start(KafkaBroker kafka, String upstreamUrl, Map<String, Object> overrides) {
        String topic = "tokens-" + UUID.randomUUID();
        TokenTopic.local(topic).createIn(kafka);
        return start(kafka.bootstrapServers(), upstreamUrl, overrides, topic, new SignedLog());
    }

    /** Another replica on {@code other}'s topic, trusting the same key and writing through the same log. */
    public static GatewayHarness replicaOf(GatewayHarness other, String upstreamUrl, Map<String, Object> overrides) {
        return start(other.bootstrap, upstreamUrl, overrides, other.topic, other.log);
    }

    private static GatewayHarness start(String bootstrap, String upstreamUrl, Map<String, Object> overrides, String topic,
                                        SignedLog log) {
        try {
            Path keyDir = Files.createTempDirectory("gateway-keys");
            int[] ports = FreePort.distinct(2); // the gateway refuses a management port equal to its public one
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", ports[0]);
            props.put("endpoints.all.port", ports[1]);
            props.put("liberator.kafka.bootstrap-servers", bootstrap);
            props.put("liberator.kafka.topic", topic);
            props.put("liberator.signing.public-key-files", log.writePublicKey(keyDir).toString());
            props.put("liberator.gateway.upstream-url", upstreamUrl);
            props.putAll(overrides);
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            GatewayHarness harness = new GatewayHarness(server, producer, bootstrap, topic, log, ports[1]);
            await().atMost(Duration.ofSeconds(20)).until(harness::isReady);
            return harness;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isReady() {
        return server.getApplicationContext().getBean(TokenProjection.class).status().isReady();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public int port() {
        return server.getPort();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public SignedLog log() {
        return log;
    }

    /** The token topic this replica reads. */
    public String topic() {
        return topic;
    }

    /** Issues a token for {@code consumer} and waits until this replica accepts it. */
    public Issued issue(String consumer) {
        BearerToken token = SignedLog.newToken();
        String id = "tok-" + IDS.incrementAndGet();
        send(id, log.issue(id, token, consumer, null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry().find(TokenHash.ofHex(token.sha256Hex())).isPresent());
        return new Issued(id, token);
    }

    /** Issues a token confined to {@code scope} and waits until this replica accepts it. */
    public Issued issueScoped(String consumer, Scope scope) {
        BearerToken token = SignedLog.newToken();
        String id = "tok-" + IDS.incrementAndGet();
        send(id, log.issueScoped(id, token, consumer, scope));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry().find(TokenHash.ofHex(token.sha256Hex())).isPresent());
        return new Issued(id, token);
    }

    /**
     * Issues a token with its own query limits ({@code data.limits} as given, e.g. {@code maxRange=3d}) and
     * waits until this replica accepts it.
     */
    public Issued issueWithLimits(String consumer, Map<String, String> limits) {
        BearerToken token = SignedLog.newToken();
        String id = "tok-" + IDS.incrementAndGet();
        send(id, log.issueWithLimits(id, token, consumer, limits));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry().find(TokenHash.ofHex(token.sha256Hex())).isPresent());
        return new Issued(id, token);
    }

    public ValidTokenRegistry registry() {
        return context().getBean(ValidTokenRegistry.class);
    }

    /** Produces one record and waits for the broker's acknowledgement; returns its offset. */
    public long send(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key.getBytes(), value)).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET(), headers);
    }

    public HttpResponse<String> postForm(String path, String form, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), headers);
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
        producer.close();
    }

    /** A token issued through the log. */
    public record Issued(String tokenId, BearerToken token) {
        public String bearer() {
            return "Bearer " + token.reveal();
        }
    }
}
