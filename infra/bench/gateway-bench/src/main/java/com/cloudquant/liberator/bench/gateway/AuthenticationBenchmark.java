package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.gateway.config.KafkaProperties;
import com.cloudquant.liberator.gateway.projection.TokenHash;
import com.cloudquant.liberator.gateway.projection.TokenProjection;
import com.cloudquant.liberator.gateway.projection.TokenProjector;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import com.cloudquant.liberator.tokenlog.TokenFold;
import com.cloudquant.liberator.gateway.security.AuthFailures;
import com.cloudquant.liberator.gateway.security.BearerAuthenticator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's real {@link BearerAuthenticator} on a request's {@code Authorization}
 * header: scheme, prefix/length/hex/CRC32 checksum, SHA-256, hash lookup among
 * {@code activeTokens} tokens, expiry, and the check that the projection is current (a real
 * token-log reader on an embedded broker, caught up on an empty topic).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticationBenchmark {

    @Param("100000")
    int activeTokens;

    private BearerAuthenticator authenticator;
    private List<String>[] headers;
    private int next;
    private EmbeddedKafka kafka;
    private TokenProjection projection;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws InterruptedException {
        SecureRandom random = new SecureRandom();
        ValidTokenRegistry registry = new ValidTokenRegistry();
        headers = new List[4096];
        Instant now = Instant.now();
        for (int i = 0; i < activeTokens; i++) {
            BearerToken token = BearerToken.generate(random);
            TokenIssued issued = new TokenIssued(UUID.randomUUID().toString(), "consumer-" + (i % 100), token.sha256Hex(),
                    token.hint(), now.plusSeconds(86_400), "bench", now);
            registry.apply(TokenFold.decide(i, issued, registry.standing(issued.tokenId())));
            if (i < headers.length) {
                headers[i] = List.of("Bearer " + token.reveal());
            }
        }
        kafka = EmbeddedKafka.builder().build().start();
        TokenTopic.local("bench-tokens").createIn(kafka);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        projection = new TokenProjection(new KafkaProperties(kafka.bootstrapServers(), "bench-tokens", Duration.ofSeconds(5),
                Map.of(), false), new EventSigner(Ed25519Keys.generate()).trustedKeys(),
                new TokenProjector(registry, meters), registry, Clock.systemUTC());
        projection.start();
        while (!projection.status().isReady()) {
            Thread.sleep(50); // a JMH set-up has no Awaitility; bounded by the reader's start
        }
        GatewayProperties properties = new GatewayProperties(URI.create("http://127.0.0.1:9090"), true, "/login",
                Duration.ofSeconds(5), Duration.ofMillis(500), 1 << 20, 20, Duration.ofSeconds(30));
        authenticator = new BearerAuthenticator(registry, projection, properties, new AuthFailures(meters), Clock.systemUTC());
    }

    @TearDown
    public void tearDown() {
        projection.stop();
        kafka.close();
    }

    @Benchmark
    public ActiveToken authenticateValidToken() {
        List<String> header = headers[next++ & (headers.length - 1)];
        TokenHash hash = authenticator.credential(header, false);
        return authenticator.known(hash);
    }
}
