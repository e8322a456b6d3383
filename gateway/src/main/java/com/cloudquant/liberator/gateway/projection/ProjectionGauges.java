package com.cloudquant.liberator.gateway.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.time.Clock;

/** Projection size, lag and staleness as {@code liberator_gateway_projection_*} gauges. */
@Context
final class ProjectionGauges {

    ProjectionGauges(MeterRegistry meters, ProjectionStatus status, ValidTokenRegistry registry, Clock clock) {
        Gauge.builder("liberator.gateway.projection.tokens", registry, ValidTokenRegistry::size)
                .description("Active tokens in this replica's projection").register(meters);
        Gauge.builder("liberator.gateway.projection.lag", status, ProjectionStatus::lag)
                .description("Log records known to exist but not applied yet").register(meters);
        Gauge.builder("liberator.gateway.projection.staleness.seconds", status,
                        s -> s.staleness(clock.instant()).toMillis() / 1000.0)
                .description("Age of the newest complete view of the token log").register(meters);
        Gauge.builder("liberator.gateway.projection.ready", status, s -> s.isReady() ? 1 : 0)
                .description("1 once the log as it stood at start-up has been read").register(meters);
    }
}
