package com.cloudquant.liberator.tokenservice.security;

import com.cloudquant.liberator.tokenservice.config.OidcSettings;
import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Named;
import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The IdP's signing keys for Micronaut's own JWT validator: a JWKS signature ({@code ReactiveJwksSignature}
 * is made for each such bean, Micronaut fetches and caches the set) at {@code liberator.oidc.jwks-url}, or at
 * the {@code jwks_uri} of the issuer's discovery document. Discovery is tried at start; while the IdP does
 * not answer, the service still starts (the local admin and page sessions work), IdP tokens are refused and
 * each one tries discovery again. Micronaut's OpenID client discovers too, but only for a browser-login
 * client, and a failure there disables its keys until a restart.
 */
@Context
@Named(IdpKeys.NAME)
@Requires(property = "liberator.oidc.issuer")
final class IdpKeys implements JwksSignatureConfiguration {

    static final String NAME = "liberator-idp";
    private static final Logger LOG = LoggerFactory.getLogger(IdpKeys.class);
    /** Micronaut's HTTP client's default read timeout: a cold start on a busy machine needs some of it. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Micronaut's default time a fetched key set is used before it is fetched again. */
    private static final int CACHE_SECONDS = 60;

    private final String issuer;
    private final HttpClient http;
    private final AtomicReference<String> url;
    private final AtomicBoolean discovering = new AtomicBoolean();

    IdpKeys(OidcSettings settings, @Client HttpClient http, Collection<OpenIdClientConfiguration> browserLogins) {
        this.issuer = settings.issuer();
        this.http = http;
        // every key Micronaut's validator holds must be this IdP's or the session secret (SessionOrIdpJwtAuthentication)
        for (OpenIdClientConfiguration login : browserLogins) {
            login.getIssuer().map(URL::toString).filter(other -> !withoutSlash(other).equals(withoutSlash(issuer))).ifPresent(other -> {
                throw new IllegalStateException("micronaut.security.oauth2.clients." + login.getName() + ".openid.issuer ("
                        + other + ") must be liberator.oidc.issuer (" + issuer + "): one IdP signs every token this service accepts");
            });
        }
        this.url = new AtomicReference<>(settings.jwksUrl());
        if (url.get() == null) {
            discover().block();
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * The key set's address; null while discovery has not answered, which Micronaut's fetcher treats as an
     * empty key set (the token is refused). Called on an event loop: a new attempt never waits here.
     */
    @Override
    public String getUrl() {
        String known = url.get();
        if (known == null) {
            discover().subscribe();
        }
        return known;
    }

    private Mono<String> discover() {
        if (!discovering.compareAndSet(false, true)) {
            return Mono.empty();
        }
        String document = withoutSlash(issuer) + "/.well-known/openid-configuration";
        return Mono.from(http.retrieve(HttpRequest.GET(document), DefaultOpenIdProviderMetadata.class))
                .timeout(PATIENCE)
                .flatMap(metadata -> {
                    String refused = refusal(issuer, metadata.getIssuer(), metadata.getJwksUri());
                    return refused == null ? Mono.just(metadata.getJwksUri()) : Mono.error(new IllegalStateException(refused));
                })
                .doOnNext(found -> {
                    url.set(found);
                    LOG.info("decision=idp-keys-found issuer={} jwks={}", issuer, found);
                })
                .onErrorResume(e -> {
                    LOG.warn("decision=idp-discovery-failed document={} reason=\"{}\" action=refuse-idp-tokens-retry-on-next "
                            + "setting=liberator.oidc.issuer hint=\"or set liberator.oidc.jwks-url\"", document, e.getMessage());
                    return Mono.empty();
                })
                .doFinally(signal -> discovering.set(false));
    }

    /**
     * Why a discovery document cannot be used, or null: it must name this very issuer and a key set, and an
     * https issuer's keys must come over https too (else anyone on the path could hand us keys to sign with).
     */
    static String refusal(String issuer, String named, String jwksUri) {
        if (!issuer.equals(named) || jwksUri == null) {
            return "it names issuer " + named + " and jwks_uri " + jwksUri;
        }
        if (issuer.startsWith("https:") && !jwksUri.startsWith("https:")) {
            return "it names a jwks_uri over plain http (" + jwksUri + ") for an https issuer";
        }
        return null;
    }

    private static String withoutSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    @Override
    public KeyType getKeyType() {
        return null; // RSA and EC keys alike: Micronaut's JWK validator verifies both
    }

    @Override
    @Deprecated(forRemoval = true, since = "4.11.0")
    public Integer getCacheExpiration() {
        return CACHE_SECONDS;
    }
}
