package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management port: health and Prometheus metrics only, and on loopback even when the public
 * port listens on every interface. Every other Micronaut endpoint is off.
 */
@ExtendWith(SharedInfra.class)
class ManagementPortTest {

    /** Management endpoints an anonymous caller must never reach (some change state). */
    static final List<String> OFF = List.of("/beans", "/env", "/loggers", "/threaddump", "/routes", "/info",
            "/metrics", "/caches", "/stop", "/refresh", "/health/../beans");

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of("micronaut.server.host", "0.0.0.0"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void healthAndPrometheusAnswerOnTheManagementPort() {
        assertThat(management("GET", "/health").statusCode()).isEqualTo(200);
        assertThat(management("GET", "/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = management("GET", "/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("liberator_gateway_projection_tokens");
    }

    @Test
    void everyOtherManagementEndpointIsOffEvenRefresh() {
        assertThat(management("POST", "/refresh").statusCode()).as("POST /refresh").isEqualTo(404);
        assertThat(management("POST", "/stop").statusCode()).as("POST /stop").isEqualTo(404);
        for (String path : OFF) {
            assertThat(management("GET", path).statusCode()).as("GET %s", path).isEqualTo(404);
        }
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        for (String path : List.of("/health", "/health/readiness", "/prometheus", "/beans", "/refresh")) {
            HttpResponse<String> response = gateway.get(path);
            assertThat(response.statusCode()).as(path).isIn(401, 404);
            assertThat(response.body()).as(path).doesNotContain("UP", "liberator_gateway");
        }
    }

    @Test
    void theManagementPortListensOnLoopbackOnlyWhileThePublicPortListensEverywhere() throws Exception {
        // 127.0.0.2 is a loopback address too, but not the one the management listener is bound to:
        // a socket bound to 0.0.0.0 accepts it, one bound to 127.0.0.1 refuses it
        try (Socket reached = new Socket()) {
            reached.connect(new InetSocketAddress("127.0.0.2", gateway.port()), 2000);
            assertThat(reached.isConnected()).isTrue();
        }
        int managementPort = URI.create(gateway.managementUrl()).getPort();
        assertThatThrownBy(() -> {
            try (Socket refused = new Socket()) {
                refused.connect(new InetSocketAddress("127.0.0.2", managementPort), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private static HttpResponse<String> management(String method, String path) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
