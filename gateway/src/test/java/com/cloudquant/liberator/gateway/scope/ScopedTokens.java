package com.cloudquant.liberator.gateway.scope;

import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.gateway.projection.TokenHash;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Issues a scoped token the way the token-service records one: a signed, chained {@code TokenIssued}
 * whose {@code data} carries {@code "scope"}, the scope's canonical selector string.
 */
final class ScopedTokens {

    static final String BEARER_ROUTE = "/metrics-api-bearer";

    private ScopedTokens() {
    }

    /** Issues a token for {@code consumer} scoped to {@code scope}; answers once the gateway knows it. */
    static PrometheusApi issue(GatewayHarness gateway, String consumer, String scope) {
        BearerToken token = SignedLog.newToken();
        String tokenId = UUID.randomUUID().toString();
        TokenIssued issued = new TokenIssued(tokenId, consumer, token.sha256Hex(), token.hint(), null, "alice", Instant.now());
        gateway.send(tokenId, gateway.log().appendWithData(issued, Map.of("scope", scope)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.registry().find(TokenHash.ofHex(token.sha256Hex())).isPresent());
        return new PrometheusApi(gateway.url() + BEARER_ROUTE, "Authorization", "Bearer " + token.reveal());
    }
}
