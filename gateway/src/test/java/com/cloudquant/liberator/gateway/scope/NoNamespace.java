package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.scope.TwoTenantData.Target;
import java.util.List;

/**
 * Series of no tenant (no {@code namespace} label): nodes and the ingress. A scope on
 * {@code namespace} must hide them, since a missing label is the empty value.
 */
final class NoNamespace {

    private NoNamespace() {
    }

    static void addTo(TwoTenantData d) {
        for (Target node : List.of(new Target(null, "eu-1", "node-exporter", "node-0:9100"),
                new Target(null, "us-1", "node-exporter", "node-1:9100"))) {
            for (String cpu : new String[] {"0", "1"}) {
                for (String mode : new String[] {"idle", "user", "system"}) {
                    d.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
                            node.labels("cpu", cpu, "mode", mode), "idle".equals(mode) ? 0.7 : 0.15);
                }
            }
            d.gauge("node_memory_MemAvailable_bytes", "Memory available.", node.labels(), 6.0e9, 1.5e9);
            d.gauge("node_memory_MemTotal_bytes", "Memory installed.", node.labels(), t -> 1.6e10);
            d.gauge("up", "Whether the last scrape succeeded.", node.labels(), t -> 1);
        }
        Target ingress = new Target(null, "eu-1", "ingress", "ingress-0:10254");
        for (String code : new String[] {"200", "500"}) {
            d.counter("http_requests_total", "Requests served, by handler, method and code.",
                    ingress.labels("handler", "/", "method", "GET", "code", code), "200".equals(code) ? 20.0 : 0.5);
        }
        d.gauge("up", "Whether the last scrape succeeded.", ingress.labels(), t -> 1);
    }
}
