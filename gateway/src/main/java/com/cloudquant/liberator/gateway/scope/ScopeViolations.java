package com.cloudquant.liberator.gateway.scope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code liberator_gateway_scope_violations_total{route}}: series, values or samples outside a
 * token's scope found in an upstream answer to its scoped request, and dropped. The scoped
 * request should make this impossible, so anything above 0 means the rewrite or the upstream is
 * wrong, and is logged as an error.
 */
@Singleton
public final class ScopeViolations {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeViolations.class);

    private final MeterRegistry meters;
    private final Map<String, Counter> byRoute = new ConcurrentHashMap<>();

    ScopeViolations(MeterRegistry meters) {
        this.meters = meters;
        for (ScopedEndpoint endpoint : ScopedEndpoint.values()) {
            counter(endpoint.route()); // present at 0 from the start, so an alert on increase() sees the first one
        }
    }

    /** Counts {@code count} dropped entries of one answer; nothing for 0. */
    public void record(String route, String tokenId, String scope, int count) {
        if (count > 0) {
            counter(route).increment(count);
            LOG.error("event=scope_violation route={} token_id={} scope={} dropped={}"
                    + " fix=\"the upstream answered outside the scope it was asked for: report it with this line\"",
                    route, tokenId, scope, count);
        }
    }

    private Counter counter(String route) {
        return byRoute.computeIfAbsent(route, key -> Counter.builder("liberator.gateway.scope.violations")
                .description("Series, values or samples outside a scoped token's scope found in an upstream answer and dropped")
                .tag("route", route)
                .register(meters));
    }
}
