package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/** Projection size, lag and staleness as {@code liberator_gateway_projection_*} gauges. */
@Context
final class ProjectionGauges {

    ProjectionGauges(MeterRegistry meters, TokenProjection projection, ValidTokenRegistry registry,
                     GatewayProperties gateway) {
        Gauge.builder("liberator.gateway.projection.tokens", registry, ValidTokenRegistry::size)
                .description("Active tokens in this replica's projection").register(meters);
        Gauge.builder("liberator.gateway.projection.lag", projection, p -> p.status().lag())
                .description("Log records up to the high watermark not applied yet").register(meters);
        Gauge.builder("liberator.gateway.projection.staleness.seconds", projection,
                        p -> p.status().staleness().toMillis() / 1000.0)
                .description("Age of the newest view of the token log known to be complete").register(meters);
        Gauge.builder("liberator.gateway.projection.ready", projection,
                        p -> p.status().whyNotCurrent(gateway.maxStaleness()).isEmpty() ? 1 : 0)
                .description("1 while this replica can prove it knows every revocation (caught up, reader alive, not"
                        + " halted, not stale)").register(meters);
        Gauge.builder("liberator.gateway.projection.halted", projection, p -> p.status().halt().isPresent() ? 1 : 0)
                .description("1 once the token log halted (a record that does not link, a rewound or replaced topic)")
                .register(meters);
        FunctionCounter.builder("liberator.gateway.projection.end.lookups", projection, p -> p.status().endLookups())
                .description("High-watermark look-ups: every 250 ms, plus one shared by all requests with an unknown token")
                .register(meters);
    }
}
