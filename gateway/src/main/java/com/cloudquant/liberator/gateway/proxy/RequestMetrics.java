package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.projection.ActiveToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** {@code liberator_gateway_requests_total{consumer,route,code}}: every answer of the public port. */
@Singleton
final class RequestMetrics {

    private final MeterRegistry meters;

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void answered(ActiveToken token, String route, int code) {
        Counter.builder("liberator.gateway.requests")
                .description("Requests answered on the public port")
                .tag("consumer", token == null ? "-" : token.consumer())
                .tag("route", route)
                .tag("code", Integer.toString(code))
                .register(meters)
                .increment();
    }
}
