package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready once the projection has read the log as it stood at start-up, and while it is
 * not past the maximum staleness: a load balancer then sends this replica nothing.
 */
@Singleton
@Readiness
final class ProjectionReadiness implements HealthIndicator {

    private final ProjectionStatus status;
    private final ValidTokenRegistry registry;
    private final GatewayProperties gateway;
    private final Clock clock;

    ProjectionReadiness(ProjectionStatus status, ValidTokenRegistry registry, GatewayProperties gateway, Clock clock) {
        this.status = status;
        this.registry = registry;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Duration staleness = status.staleness(clock.instant());
        boolean tooStale = gateway.failsClosedWhenStale() && staleness.compareTo(gateway.maxStaleness()) > 0;
        HealthStatus health = status.isReady() && !tooStale ? HealthStatus.UP : HealthStatus.DOWN;
        return Mono.just(HealthResult.builder("tokenProjection", health)
                .details(Map.of(
                        "caughtUp", status.isReady(),
                        "activeTokens", registry.size(),
                        "lag", status.lag(),
                        "stalenessSeconds", staleness.toSeconds(),
                        "maxStalenessSeconds", gateway.maxStaleness().toSeconds()))
                .build());
    }
}
