package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.projection.ProjectionStatus;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import com.cloudquant.liberator.gateway.security.AuthFailures;
import com.cloudquant.liberator.gateway.security.BearerAuthenticator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's real {@link BearerAuthenticator} on a request's {@code Authorization}
 * header: scheme, prefix/length/hex/CRC32 checksum, SHA-256, hash lookup among
 * {@code activeTokens} tokens, expiry, staleness check.
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

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        SecureRandom random = new SecureRandom();
        ValidTokenRegistry registry = new ValidTokenRegistry();
        headers = new List[4096];
        Instant now = Instant.now();
        for (int i = 0; i < activeTokens; i++) {
            BearerToken token = BearerToken.generate(random);
            registry.apply(new TokenIssued("t" + i, "consumer-" + (i % 100), token.sha256Hex(), token.hint(),
                    now.plusSeconds(86_400), "bench", now));
            if (i < headers.length) {
                headers[i] = List.of("Bearer " + token.reveal());
            }
        }
        ProjectionStatus status = new ProjectionStatus(Clock.systemUTC());
        status.endOffsetSeen(activeTokens, now);
        status.positionReached(activeTokens);
        GatewayProperties properties = new GatewayProperties(URI.create("http://127.0.0.1:9090"), true, "/login",
                Duration.ofMinutes(5), 1 << 20, 20, Duration.ofSeconds(30), List.of());
        authenticator = new BearerAuthenticator(registry, status, properties,
                new AuthFailures(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    @Benchmark
    public ActiveToken authenticateValidToken() {
        List<String> header = headers[next++ & (headers.length - 1)];
        return authenticator.authenticate(header, false);
    }
}
