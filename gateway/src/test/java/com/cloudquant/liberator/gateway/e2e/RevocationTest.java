package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.DefaultGateway;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(SharedInfra.class)
class RevocationTest {

    private static GatewayHarness gateway;

    @RegisterExtension
    static final DefaultGateway GATEWAY = new DefaultGateway(started -> gateway = started);

    @Test
    void revokedTokenIsRefusedWithinOneSecondOfItsEventBeingCommitted() {
        GatewayHarness.Issued issued = gateway.issue("grafana-prod");
        assertThat(gateway.get("/metrics-api-bearer/api/v1/query?query=up", "Authorization", issued.bearer())
                .statusCode()).isEqualTo(200);

        gateway.send(issued.tokenId(), gateway.log().revoke(issued.tokenId()));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(gateway.get("/metrics-api-bearer/api/v1/query?query=up", "Authorization", issued.bearer())
                        .statusCode()).isEqualTo(401));
    }

    @Test
    void forgedIssueWrittenStraightToTheTopicGrantsNothing() {
        var attacker = new com.cloudquant.liberator.gateway.testing.SignedLog();
        var forged = com.cloudquant.liberator.gateway.testing.SignedLog.newToken();
        gateway.send("evil", attacker.issue("evil", forged));
        GatewayHarness.Issued genuine = gateway.issue("grafana-prod");

        HttpResponse<String> response = gateway.get("/metrics-api-bearer/api/v1/query?query=up",
                "Authorization", "Bearer " + forged.reveal());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(gateway.get("/metrics-api-bearer/api/v1/query?query=up", "Authorization", genuine.bearer())
                .statusCode()).isEqualTo(200);
    }

    /** The replica's own metrics live on the management port: on the public port they are an unknown path. */
    @Test
    void theMetricsEndpointIsNotOnThePublicPort() {
        HttpResponse<String> anonymous = gateway.get("/prometheus");
        assertThat(anonymous.statusCode()).as("no token: refused before any routing").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"liberator-metrics\"");
        assertThat(anonymous.body()).contains("\"errorType\":\"unauthorized\"");

        HttpResponse<String> withToken = gateway.get("/prometheus", "Authorization", gateway.issue("grafana-prod").bearer());
        assertThat(withToken.statusCode()).as("a valid token: not a gateway path").isEqualTo(404);
        assertThat(withToken.body()).contains("\"errorType\":\"not_found\"").doesNotContain("liberator_gateway");
    }

    @Test
    void readinessIsUpOnTheManagementPortOnceCaughtUp() {
        await().atMost(Duration.ofSeconds(10)).until(gateway::isReady);
        HttpResponse<String> readiness = gateway.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.managementUrl() + "/health/readiness")).GET());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");

        HttpResponse<String> metrics = gateway.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.managementUrl() + "/prometheus")).GET());
        assertThat(metrics.body()).contains("liberator_gateway_projection_tokens", "liberator_gateway_projection_chain_errors_total",
                "liberator_gateway_requests_total");
    }
}
