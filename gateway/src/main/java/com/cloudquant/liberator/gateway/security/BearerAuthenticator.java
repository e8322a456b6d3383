package com.cloudquant.liberator.gateway.security;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.projection.ProjectionStatus;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps 2 and 3 of the decision order: is there a Bearer credential, and is it a valid
 * token? Checksum before lookup; lookup by SHA-256 so timing reveals nothing about the
 * token; one generic 401 for every bad token, the reason going to logs and metrics only.
 */
@Singleton
public final class BearerAuthenticator {

    static final String INVALID_TOKEN = "invalid, revoked or expired bearer token: issue a new token in "
            + "Liberator → System Monitoring → Grafana Integration and update the datasource's Authorization header";
    static final String MISSING_HEADER = "missing bearer token: set the header 'Authorization: Bearer cqm_…' "
            + "(header name exactly Authorization, value 'Bearer ' followed by the token)";
    private static final String SCHEME = "Bearer ";

    private final ValidTokenRegistry registry;
    private final ProjectionStatus projection;
    private final GatewayProperties gateway;
    private final AuthFailures failures;
    private final Clock clock;

    public BearerAuthenticator(ValidTokenRegistry registry, ProjectionStatus projection, GatewayProperties gateway,
                        AuthFailures failures, Clock clock) {
        this.registry = registry;
        this.projection = projection;
        this.gateway = gateway;
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * The active token named by the {@code Authorization} header values, or a rejection:
     * 302 to sign-in for a browser without a Bearer header, 401 otherwise, 503 when the
     * projection cannot be trusted to know about revocations.
     */
    public ActiveToken authenticate(List<String> authorization, boolean browser) {
        if (authorization.size() != 1 || !startsWithScheme(authorization.get(0))) {
            throw failures.missing(browser, gateway.signInUrl(), MISSING_HEADER);
        }
        String candidate = authorization.get(0).substring(SCHEME.length());
        BearerToken.Rejection malformed = BearerToken.check(candidate);
        if (malformed != null) {
            throw failures.invalid(malformed == BearerToken.Rejection.BAD_CHECKSUM ? "checksum" : "malformed",
                    "-", INVALID_TOKEN);
        }
        failClosedIfStale();
        String hash = TokenDigest.sha256Hex(candidate);
        Optional<ActiveToken> active = registry.find(hash);
        if (active.isEmpty()) {
            String reason = registry.wasRevoked(hash) ? "revoked" : "unknown";
            throw failures.invalid(reason, "hash_prefix=" + hash.substring(0, 12), INVALID_TOKEN);
        }
        ActiveToken found = active.get();
        if (found.isExpiredAt(clock.instant())) {
            throw failures.invalid("expired", "token_id=" + found.tokenId(), INVALID_TOKEN);
        }
        return found;
    }

    private void failClosedIfStale() {
        if (!projection.isReady()) {
            throw new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "the gateway is still reading the token log; retry in a few seconds", "projection_not_ready",
                    Map.of("Retry-After", "5"));
        }
        Instant now = clock.instant();
        Duration staleness = projection.staleness(now);
        if (gateway.failsClosedWhenStale() && staleness.compareTo(gateway.maxStaleness()) > 0) {
            throw new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "the token log has been unreachable for " + staleness.toSeconds() + "s (over liberator.gateway.max-staleness="
                            + gateway.maxStaleness().toSeconds() + "s), so revocations may be missing: "
                            + "refusing until Kafka is reachable again", "projection_stale",
                    Map.of("Retry-After", "30"));
        }
    }

    private static boolean startsWithScheme(String value) {
        return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }
}
