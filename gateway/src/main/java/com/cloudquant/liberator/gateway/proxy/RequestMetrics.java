package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.projection.ActiveToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code liberator_gateway_requests_total{consumer,route,code}}: every answer of the public port. */
@Singleton
final class RequestMetrics {

    private final MeterRegistry meters;
    // registering looks the meter up through every MeterFilter: too slow for once per request
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void answered(ActiveToken token, String route, int code) {
        String consumer = token == null ? "-" : token.consumer();
        counters.computeIfAbsent(consumer + '\u0000' + route + '\u0000' + code, key -> register(consumer, route, code))
                .increment();
    }

    private Counter register(String consumer, String route, int code) {
        return Counter.builder("liberator.gateway.requests")
                .description("Requests answered on the public port")
                .tag("consumer", consumer)
                .tag("route", route)
                .tag("code", Integer.toString(code))
                .register(meters);
    }
}
