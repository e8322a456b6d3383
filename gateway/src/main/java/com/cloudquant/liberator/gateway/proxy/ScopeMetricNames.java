package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.scope.FormCodec;
import com.cloudquant.liberator.gateway.scope.JsonAnswers;
import com.cloudquant.liberator.gateway.scope.Param;
import com.cloudquant.liberator.promql.Scope;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The metric names a scope sees, {@code label/__name__/values?match[]=<scope>}, which a scoped
 * token's {@code /metadata} answer is filtered to. Cached per scope for
 * {@code liberator.gateway.scope-names-ttl}: a dashboard opening fires several metadata calls,
 * and a metric that appears later shows up in its metadata within that time.
 */
@Singleton
final class ScopeMetricNames {

    private static final int MAX_SCOPES = 10_000;

    private final UpstreamLookup lookup;
    private final long ttlNanos;
    private final Map<Scope, Cached> cache = new ConcurrentHashMap<>();

    ScopeMetricNames(UpstreamLookup lookup, @Value("${liberator.gateway.scope-names-ttl}") Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("liberator.gateway.scope-names-ttl must be >= 0 (0 = ask every time), e.g. 30s");
        }
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
    }

    private record Cached(Set<String> names, long atNanos) {
    }

    Mono<Set<String>> of(Scope scope) {
        Cached cached = cache.get(scope);
        if (cached != null && System.nanoTime() - cached.atNanos() < ttlNanos) {
            return Mono.just(cached.names());
        }
        String query = FormCodec.encode(List.of(new Param("match[]", scope.canonical())));
        return lookup.fetch("/api/v1/label/__name__/values?" + query, "metadata")
                .map(JsonAnswers::strings)
                .doOnNext(names -> {
                    if (cache.size() >= MAX_SCOPES) {
                        cache.clear(); // bounded: scopes are few, but each one kept costs its name list
                    }
                    cache.put(scope, new Cached(names, System.nanoTime()));
                });
    }
}
