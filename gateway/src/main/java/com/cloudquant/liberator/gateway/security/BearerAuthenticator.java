package com.cloudquant.liberator.gateway.security;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.gateway.config.GatewayProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.projection.ActiveToken;
import com.cloudquant.liberator.gateway.projection.TokenHash;
import com.cloudquant.liberator.gateway.projection.TokenProjection;
import com.cloudquant.liberator.gateway.projection.ValidTokenRegistry;
import com.cloudquant.liberator.tokenlog.TailStatus;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Steps 2 and 3 of the decision order: is there a Bearer credential, and is it a valid
 * token? Checksum before lookup; lookup by SHA-256 so timing reveals nothing about the
 * token; one generic 401 for every bad token, the reason going to logs and metrics only.
 * A replica that cannot prove it knows every revocation answers 503 instead of guessing.
 */
@Singleton
public final class BearerAuthenticator {

    static final String INVALID_TOKEN = "invalid, revoked or expired bearer token: issue a new token in "
            + "Liberator → System Monitoring → Grafana Integration and update the datasource's Authorization header";
    static final String MISSING_HEADER = "missing bearer token: set the header 'Authorization: Bearer cqm_…' "
            + "(header name exactly Authorization, value 'Bearer ' followed by the token)";
    private static final String SCHEME = "Bearer ";

    private final ValidTokenRegistry registry;
    private final TokenProjection projection;
    private final GatewayProperties gateway;
    private final AuthFailures failures;
    private final Clock clock;

    public BearerAuthenticator(ValidTokenRegistry registry, TokenProjection projection, GatewayProperties gateway,
                               AuthFailures failures, Clock clock) {
        this.registry = registry;
        this.projection = projection;
        this.gateway = gateway;
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * The hash of the well-formed token named by the {@code Authorization} header values, or a
     * rejection: 302 to sign-in for a browser without a Bearer header, 401 for a malformed
     * token, 503 when this replica cannot prove it knows every revocation.
     */
    public TokenHash credential(List<String> authorization, boolean browser) {
        if (authorization.size() != 1 || !startsWithScheme(authorization.get(0))) {
            throw failures.missing(browser, gateway.signInUrl(), MISSING_HEADER);
        }
        String candidate = authorization.get(0).substring(SCHEME.length());
        BearerToken.Rejection malformed = BearerToken.check(candidate);
        if (malformed != null) {
            throw failures.invalid(malformed == BearerToken.Rejection.BAD_CHECKSUM ? "checksum" : "malformed",
                    "-", INVALID_TOKEN);
        }
        failClosedIfNotCurrent();
        return TokenHash.of(TokenDigest.sha256(candidate));
    }

    /**
     * The active token with hash {@code hash}; null when this replica has never seen it (it may
     * have been issued a moment ago: see {@link #afterCatchUp}). 401 when revoked or expired.
     */
    public ActiveToken known(TokenHash hash) {
        Optional<ActiveToken> active = registry.find(hash);
        if (active.isEmpty()) {
            if (registry.wasRevoked(hash)) {
                throw failures.invalid("revoked", "hash_prefix=" + hash.prefix(), INVALID_TOKEN);
            }
            return null;
        }
        ActiveToken found = active.get();
        if (found.isExpiredAt(clock.instant())) {
            throw failures.invalid("expired", "token_id=" + found.tokenId(), INVALID_TOKEN);
        }
        return found;
    }

    /**
     * For a token this replica does not know: waits (at most {@code unknown-token-wait}) until it
     * has read the log as it stood now, then decides, on {@code continueOn}. So a token that the
     * token-service answered for before this request was sent works on its first request; every
     * request waiting at the same moment shares one look-up of the log's end.
     */
    public Mono<ActiveToken> afterCatchUp(TokenHash hash, Executor continueOn) {
        if (gateway.unknownTokenWait().isZero()) {
            return Mono.fromSupplier(() -> decideUnknown(hash));
        }
        return Mono.fromFuture(projection.awaitLogAsOfNow()
                        .completeOnTimeout(false, gateway.unknownTokenWait().toNanos(), TimeUnit.NANOSECONDS))
                .publishOn(Schedulers.fromExecutor(continueOn))
                .map(caughtUp -> decideUnknown(hash));
    }

    private ActiveToken decideUnknown(TokenHash hash) {
        failClosedIfNotCurrent();
        ActiveToken found = known(hash);
        if (found == null) {
            throw failures.invalid("unknown", "hash_prefix=" + hash.prefix(), INVALID_TOKEN);
        }
        return found;
    }

    private void failClosedIfNotCurrent() {
        Optional<TailStatus.NotCurrent> notCurrent = projection.status().whyNotCurrent(gateway.maxStaleness());
        if (notCurrent.isPresent()) {
            TailStatus.NotCurrent why = notCurrent.get();
            throw new GatewayRejection(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", why.message(),
                    "projection_" + why.reason(), why.reason().equals("log_halted")
                    ? GatewayRejection.RETRY_AFTER_REPAIR : GatewayRejection.RETRY_SOON);
        }
    }

    private static boolean startsWithScheme(String value) {
        return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }
}
