package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.tokenlog.TailStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready only while the replica can prove it knows every revocation: the same rule that makes
 * a Bearer request answer 503, so a load balancer sends this replica nothing it would refuse.
 */
@Singleton
@Readiness
final class ProjectionReadiness implements HealthIndicator {

    private final TokenProjection projection;
    private final ValidTokenRegistry registry;
    private final GatewayProperties gateway;

    ProjectionReadiness(TokenProjection projection, ValidTokenRegistry registry, GatewayProperties gateway) {
        this.projection = projection;
        this.registry = registry;
        this.gateway = gateway;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        TailStatus status = projection.status();
        Optional<TailStatus.NotCurrent> notCurrent = status.whyNotCurrent(gateway.maxStaleness());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caughtUp", status.caughtUp());
        details.put("readerAlive", status.readerAlive());
        details.put("activeTokens", registry.size());
        details.put("lag", status.lag());
        details.put("stalenessMillis", status.staleness().toMillis());
        details.put("maxStalenessMillis", gateway.maxStaleness().toMillis());
        notCurrent.ifPresent(why -> {
            details.put("reason", why.reason());
            details.put("detail", why.message());
        });
        return Mono.just(HealthResult.builder("tokenProjection", notCurrent.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
