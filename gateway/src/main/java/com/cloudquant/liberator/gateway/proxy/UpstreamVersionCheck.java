package com.cloudquant.liberator.gateway.proxy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.scope.PrometheusVersion;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Scoped label APIs need an upstream that honours {@code match[]} there (Prometheus ≥ 2.24),
 * otherwise it would ignore the scope's selector and list every tenant's labels. Checked lazily
 * on the first scoped request that needs it and then every {@link #RECHECK} (an upstream can be
 * replaced); a version that cannot be read or is too old refuses those requests (503), and a
 * failed look-up is not remembered, so the next request asks again.
 */
@Singleton
final class UpstreamVersionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamVersionCheck.class);
    static final Duration RECHECK = Duration.ofMinutes(5);

    private final UpstreamLookup lookup;
    private final AtomicReference<Checked> last = new AtomicReference<>();

    UpstreamVersionCheck(UpstreamLookup lookup) {
        this.lookup = lookup;
    }

    private record Checked(PrometheusVersion version, long atNanos) {
    }

    /** Completes empty when the upstream honours {@code match[]} on label APIs; a 503 otherwise. */
    Mono<Void> requireLabelMatchers() {
        Checked known = last.get();
        if (known != null && System.nanoTime() - known.atNanos() < RECHECK.toNanos()) {
            return verdict(known.version());
        }
        return lookup.fetch("/api/v1/status/buildinfo", "buildinfo")
                .map(PrometheusVersion::fromBuildinfo)
                .onErrorMap(error -> unknown())
                .flatMap(version -> {
                    Checked previous = last.getAndSet(new Checked(version, System.nanoTime()));
                    if (previous == null || !previous.version().equals(version)) {
                        LOG.info("event=upstream_version version=\"{}\" label_matchers={}", version.version(),
                                version.labelMatchers() ? "supported" : "unsupported");
                    }
                    return verdict(version);
                });
    }

    private static Mono<Void> verdict(PrometheusVersion version) {
        if (version.labelMatchers()) {
            return Mono.empty();
        }
        return Mono.error(new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the upstream reports version \"" + version.version() + "\", which does not honour match[] on its label"
                        + " APIs (Prometheus 2.24 or later does), so this scoped token's label, label values and metadata"
                        + " calls are refused rather than answered with every tenant's labels; the operators should"
                        + " upgrade the Prometheus behind liberator.gateway.upstream-url", "upstream_too_old",
                GatewayRejection.RETRY_AFTER_REPAIR));
    }

    private static GatewayRejection unknown() {
        return new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the gateway could not read the upstream's version (/api/v1/status/buildinfo), which scoped label,"
                        + " label values and metadata calls depend on; try again shortly", "upstream_version_unknown",
                GatewayRejection.RETRY_SOON);
    }
}
