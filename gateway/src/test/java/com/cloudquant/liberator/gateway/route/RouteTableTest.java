package com.cloudquant.liberator.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.testing.ForbiddenSpellings;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTableTest {

    private final RouteTable routes = new RouteTable();

    static Stream<String> forbiddenSpellings() {
        return ForbiddenSpellings.RAW_PATHS.stream().map(p -> p.contains("?") ? p.substring(0, p.indexOf('?')) : p);
    }

    @ParameterizedTest
    @MethodSource("forbiddenSpellings")
    void noSpellingOfAnAdminWriteReadReloadOrTraversalPathIsAllowed(String rawPath) {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            assertThatThrownBy(() -> routes.decide(method, rawPath))
                    .isInstanceOf(GatewayRejection.class)
                    .satisfies(e -> assertThat(((GatewayRejection) e).status().getCode()).isIn(400, 403, 404, 405));
        }
    }

    @Test
    void thereAreAtLeastSixtySpellings() {
        assertThat(ForbiddenSpellings.RAW_PATHS).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({
            "/metrics-api-bearer/api/v1/admin/tsdb/snapshot, 403",
            "/metrics-api-bearer/API/v1/Write, 403",
            "/metrics-api-bearer/api/v1/query/%2e%2e/admin/tsdb/snapshot, 403",
            "/metrics-api-bearer/-/reload, 403",
            "/metrics-api-bearer/api/v1/read, 403",
            "/metrics-api-bearer/graph, 404",
            "/metrics-api-bearer/../../etc/passwd, 400",
            "/metrics-api-bearer/api/v1/%zz, 400"})
    void refusalsCarryTheDocumentedStatus(String rawPath, int status) {
        assertThatThrownBy(() -> routes.decide("GET", rawPath))
                .isInstanceOf(GatewayRejection.class)
                .satisfies(e -> assertThat(((GatewayRejection) e).status().getCode()).isEqualTo(status));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /metrics-api-bearer/api/v1/query, /api/v1/query",
            "POST, /metrics-api-bearer/api/v1/query_range, /api/v1/query_range",
            "GET, /metrics-api-bearer/API/V1/Query, /api/v1/query",
            "GET, /metrics-api-bearer//api/v1/./series/, /api/v1/series",
            "GET, /metrics-api-bearer/api/v1/label/__name__/values, /api/v1/label/__name__/values",
            "GET, /metrics-api-bearer/api/v1/label/myLabel/values, /api/v1/label/myLabel/values",
            "GET, /Metrics-Api-Bearer/api/v1/%71uery, /api/v1/query",
            "GET, /metrics-api-bearer/api/v1/status/buildinfo, /api/v1/status/buildinfo",
            "GET, /metrics-api-bearer/federate, /federate",
            "GET, /metrics-api-bearer/api/v1/rules, /api/v1/rules",
            "GET, /metrics-api-bearer/api/v1/metadata, /api/v1/metadata",
            "POST, /metrics-api-bearer/api/v1/query_exemplars, /api/v1/query_exemplars"})
    void allowedRoutesForwardTheirCanonicalPath(String method, String rawPath, String upstreamPath) {
        assertThat(routes.decide(method, rawPath).upstreamPath()).isEqualTo(upstreamPath);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /metrics-api-bearer/api/v1/status/buildinfo",
            "POST, /metrics-api-bearer/federate",
            "DELETE, /metrics-api-bearer/api/v1/query",
            "PUT, /metrics-api-bearer/api/v1/series",
            "POST, /metrics-api-bearer/api/v1/rules"})
    void wrongMethodOnAnAllowedPathIs405WithAllow(String method, String rawPath) {
        assertThatThrownBy(() -> routes.decide(method, rawPath))
                .isInstanceOf(GatewayRejection.class)
                .satisfies(e -> {
                    GatewayRejection rejection = (GatewayRejection) e;
                    assertThat(rejection.status().getCode()).isEqualTo(405);
                    assertThat(rejection.headers()).containsKey("Allow");
                });
    }
}
