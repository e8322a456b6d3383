package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.edge.GatewayMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token's use, for the token list's "Last used" and "Requests (24 h)": a counter
 * {@code liberator_gateway_token_requests_total{token_id}} and a gauge
 * {@code liberator_gateway_token_last_request_timestamp_seconds{token_id}} per token this replica
 * answered. The token id is the only label: a counter of its own rather than a {@code token_id}
 * label on {@code liberator_gateway_requests_total}, whose consumer × route × code × reason
 * series would each be multiplied by the number of tokens; here a token costs two series per replica.
 *
 * <p>Meters are made on a token's first answered request, not when the token is projected (a
 * million projected tokens would mean two million series, most of them never used), and stay for
 * the life of the replica, also after the token is revoked or expired: at most two series per token
 * this replica ever answered. Cached per token like {@link RequestMetrics}: registering looks the
 * meter up through every MeterFilter, too slow for once per request.
 */
@Singleton
final class TokenUsageMeters {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Usage> byToken = new ConcurrentHashMap<>();

    TokenUsageMeters(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Counts one answer to {@code tokenId} and makes now its last use. */
    void used(String tokenId) {
        Usage usage = byToken.computeIfAbsent(tokenId, this::register);
        usage.requests().increment();
        usage.lastMillis().accumulateAndGet(clock.millis(), Math::max);
    }

    private Usage register(String tokenId) {
        AtomicLong lastMillis = new AtomicLong(clock.millis()); // never 0: a scrape before the first update would say 1970
        Gauge.builder(GatewayMetric.TOKEN_LAST_REQUEST.meterName(), lastMillis, last -> last.get() / 1000.0)
                .description("Unix time of the last answer to an authenticated request with this token")
                .tag(GatewayMetric.TOKEN_ID, tokenId)
                .strongReference(true)
                .register(meters);
        Counter requests = Counter.builder(GatewayMetric.TOKEN_REQUESTS.meterName())
                .description("Answers to authenticated requests with this token")
                .tag(GatewayMetric.TOKEN_ID, tokenId)
                .register(meters);
        return new Usage(requests, lastMillis);
    }

    private record Usage(Counter requests, AtomicLong lastMillis) {
    }
}
