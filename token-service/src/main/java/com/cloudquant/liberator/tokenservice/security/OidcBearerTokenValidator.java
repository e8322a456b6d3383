package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Accepts an IdP's JWT access token: signature from the JWKS, exact issuer, not expired,
 * the audience when configured; roles from the configured claim.
 */
@Singleton
@Requires(property = "liberator.oidc.issuer")
final class OidcBearerTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(OidcBearerTokenValidator.class);

    private final OidcSettings settings;
    private final OidcIdentity identity;
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;

    OidcBearerTokenValidator(OidcSettings settings, OidcIdentity identity) {
        this.settings = settings;
        this.identity = identity;
    }

    /**
     * Before Micronaut's own JWT validator: once an IdP client is configured for the browser
     * login, that one would also accept IdP tokens, but without our role mapping.
     */
    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.fromCallable(() -> authenticate(token)).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    // also the path of our own session cookie, which the next validator accepts
                    LOG.debug("decision=bearer-not-from-idp reason=\"{}\"", e.getMessage());
                    return Mono.empty();
                });
    }

    private Authentication authenticate(String token) throws Exception {
        Map<String, Object> claims = processor().process(token, null).getClaims();
        return Authentication.build(identity.name(claims), identity.roles(claims));
    }

    private ConfigurableJWTProcessor<SecurityContext> processor() {
        if (processor == null) {
            synchronized (this) {
                if (processor == null) {
                    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
                    p.setJWSKeySelector(new JWSVerificationKeySelector<>(
                            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256,
                                    JWSAlgorithm.ES384, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA),
                            OidcKeys.of(settings)));
                    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(settings.issuer());
                    p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.audience(), exact.build(),
                            Set.of("sub", "exp")));
                    processor = p;
                }
            }
        }
        return processor;
    }
}
