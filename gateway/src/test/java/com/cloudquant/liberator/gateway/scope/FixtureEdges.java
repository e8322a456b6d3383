package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.TENANT_A;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.TENANT_B;

import com.cloudquant.liberator.gateway.scope.TwoTenantData.Target;
import java.util.List;

/**
 * Envoy sidecars and the liberator gateway itself run in both tenants: the series behind the
 * Grafana integration examples and every panel of the project's dashboard.
 */
final class FixtureEdges {

    private static final String[] MILLIS_LE = {"5", "10", "25", "50", "100", "250"};
    private static final double[] MILLIS_SHARES = {0.1, 0.3, 0.6, 0.8, 0.9, 0.97};
    private static final String[] GATEWAY_LE = {"0.01", "0.1", "1"};
    private static final double[] GATEWAY_SHARES = {0.3, 0.8, 0.98};

    private FixtureEdges() {
    }

    static void addTo(TwoTenantData d) {
        for (Target t : List.of(new Target(TENANT_A, "eu-1", "envoy", "envoy-payments-0:9901"),
                new Target(TENANT_B, "eu-2", "envoy", "envoy-risk-0:9901"))) {
            for (String codeClass : new String[] {"2", "4", "5"}) {
                d.counter("envoy_http_downstream_rq_xx", "Downstream requests by response code class.",
                        t.labels("envoy_response_code_class", codeClass), "2".equals(codeClass) ? 9.0 : 0.3);
            }
            d.histogram("envoy_cluster_external_upstream_rq_time", "Upstream request time in milliseconds.",
                    t.labels(), 6.0, MILLIS_LE, MILLIS_SHARES, 31.0);
            d.gauge("up", "Whether the last scrape succeeded.", t.labels(), t2 -> 1);
        }
        gateway(d, new Target(TENANT_A, "eu-1", "liberator-gateway", "gw-payments-0:8081"), "payments-grafana");
        gateway(d, new Target(TENANT_B, "eu-1", "liberator-gateway", "gw-risk-0:8081"), "risk-grafana");
    }

    private static void gateway(TwoTenantData d, Target t, String consumer) {
        for (String route : new String[] {"query", "query_range"}) {
            for (String code : new String[] {"200", "401", "502"}) {
                for (String who : new String[] {consumer, "-"}) {
                    double rate = "200".equals(code) ? ("-".equals(who) ? 0.0 : 5.0) : "401".equals(code) ? 0.2 : 0.02;
                    if (rate > 0) {
                        d.counter("liberator_gateway_requests_total", "Requests by consumer, route and status.",
                                t.labels("route", route, "code", code, "consumer", who), rate);
                    }
                }
            }
            for (String outcome : new String[] {"ok", "failed"}) {
                d.histogram("liberator_gateway_upstream_latency_seconds", "Upstream latency.",
                        t.labels("route", route, "outcome", outcome), "ok".equals(outcome) ? 5.0 : 0.02,
                        GATEWAY_LE, GATEWAY_SHARES, 0.04);
            }
        }
        for (String reason : new String[] {"unknown_token", "expired_token"}) {
            d.counter("liberator_gateway_auth_failures_total", "Refused credentials by reason.",
                    t.labels("reason", reason), 0.1);
        }
        d.gauge("liberator_gateway_projection_ready", "1 when the projection is current.", t.labels(), t2 -> 1);
        d.gauge("liberator_gateway_projection_tokens", "Valid tokens projected.", t.labels(), 40, 3);
        d.gauge("liberator_gateway_projection_staleness_seconds", "Age of the projection.", t.labels(), 0.8, 0.5);
        d.gauge("liberator_gateway_projection_lag", "Records behind the log end.", t.labels(), 2, 2);
        d.gauge("liberator_gateway_in_flight", "Requests in flight.", t.labels(), 6, 4);
        d.counter("liberator_gateway_projection_chain_errors_total", "Records refused by the chain check.",
                t.labels(), 0.001);
        d.gauge("up", "Whether the last scrape succeeded.", t.labels(), t2 -> 1);
    }
}
