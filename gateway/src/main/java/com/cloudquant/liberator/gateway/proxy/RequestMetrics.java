package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code liberator_gateway_requests_total{consumer,route,code,reason}}: every answer of the public port;
 * {@code reason} is {@code upstream} for Prometheus's own answers, else why the gateway answered itself
 * (a fixed word such as {@code limit_rate} or {@code checksum}, never a value from the request).
 * An answer to an authenticated request also counts as that token's use ({@link TokenUsageMeters}).
 */
@Singleton
final class RequestMetrics {

    private final MeterRegistry meters;
    private final TokenUsageMeters usage;
    // registering looks the meter up through every MeterFilter: too slow for once per request
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry meters, TokenUsageMeters usage) {
        this.meters = meters;
        this.usage = usage;
    }

    void answered(ActiveToken token, String route, int code, String reason) {
        String consumer = token == null ? "-" : token.consumer();
        counters.computeIfAbsent(consumer + '\u0000' + route + '\u0000' + code + '\u0000' + reason,
                key -> register(consumer, route, code, reason)).increment();
        if (token != null) {
            usage.used(token.tokenId());
        }
    }

    private Counter register(String consumer, String route, int code, String reason) {
        return Counter.builder(GatewayMetric.REQUESTS.meterName())
                .description("Requests answered on the public port")
                .tag("consumer", consumer)
                .tag("route", route)
                .tag("code", Integer.toString(code))
                .tag("reason", reason)
                .register(meters);
    }
}
