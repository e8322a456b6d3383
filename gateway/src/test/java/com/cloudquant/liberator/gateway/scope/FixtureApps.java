package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.TwoTenantData.AT;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.TENANT_A;
import static com.cloudquant.liberator.gateway.scope.TwoTenantData.TENANT_B;

import com.cloudquant.liberator.gateway.scope.TwoTenantData.Target;
import java.util.List;

/** What runs in each tenant, and outside both: the fixture's targets and the metrics each exports. */
final class FixtureApps {

    static final String[] SECONDS_LE = {"0.05", "0.1", "0.25", "0.5", "1", "2.5"};
    static final double[] SECONDS_SHARES = {0.2, 0.45, 0.7, 0.85, 0.95, 0.99};

    private FixtureApps() {
    }

    static void addTo(TwoTenantData d) {
        Target payApi0 = new Target(TENANT_A, "eu-1", "payments-api", "payments-api-0:8080");
        Target payApi1 = new Target(TENANT_A, "eu-2", "payments-api", "payments-api-1:8080");
        Target payApi2 = new Target(TENANT_A, "us-1", "payments-api", "payments-api-2:8080");
        Target ledger = new Target(TENANT_A, "eu-1", "ledger", "ledger-0:9090");
        Target riskApi0 = new Target(TENANT_B, "eu-1", "risk-engine", "risk-engine-0:8080");
        Target riskApi1 = new Target(TENANT_B, "us-1", "risk-engine", "risk-engine-1:8080");
        Target pricer = new Target(TENANT_B, "eu-2", "pricer", "pricer-0:9090");

        for (Target t : List.of(payApi0, payApi1, payApi2)) {
            api(d, t, new String[] {"/pay", "/refund"}, t == payApi2 ? "1.5.0" : "1.4.2");
        }
        for (Target t : List.of(riskApi0, riskApi1)) {
            api(d, t, new String[] {"/price", "/limits"}, "7.0.1");
        }
        d.counterWithReset("process_cpu_seconds_total", "CPU time the process used.", payApi1.labels(), 0.08, AT - 6000);
        d.gauge("process_start_time_seconds", "When the process started.", payApi1.labels(),
                t -> t < AT - 6000 ? AT - 90_000 : AT - 6000);
        for (Target t : List.of(payApi0, payApi2, ledger, riskApi0, riskApi1, pricer)) {
            d.counter("process_cpu_seconds_total", "CPU time the process used.", t.labels(), 0.05 + 0.01 * (t.instance().length() % 7));
            d.gauge("process_start_time_seconds", "When the process started.", t.labels(), t2 -> AT - 90_000);
        }
        for (Target t : List.of(payApi0, payApi1, payApi2, ledger, riskApi0, riskApi1, pricer)) {
            d.gauge("process_resident_memory_bytes", "Resident memory.", t.labels(), 2.0e8 + 1.0e7 * t.instance().length(), 3.0e7);
            container(d, t);
        }
        // ledger is down around AT, the pricer for good: `up == 0` has an answer in both tenants
        d.gauge("up", "Whether the last scrape succeeded.", ledger.labels(), t -> t >= AT - 900 && t < AT + 600 ? 0 : 1);
        d.gauge("up", "Whether the last scrape succeeded.", pricer.labels(), t -> 0);
        for (Target t : List.of(payApi0, payApi1, payApi2, riskApi0, riskApi1)) {
            d.gauge("up", "Whether the last scrape succeeded.", t.labels(), t2 -> 1);
        }

        d.gauge("queue_depth", "Messages waiting in a queue.", ledger.labels("queue", "settlements"), 40, 25);
        d.gauge("queue_depth", "Messages waiting in a queue.", ledger.labels("queue", "refunds"), 12, 6);
        d.gauge("queue_depth", "Messages waiting in a queue.", pricer.labels("queue", "margin-calls"), 30, 20);
        d.gauge("balance_change", "Net change of an account since midnight.", ledger.labels("account", "acct-1"), -150, 400);
        d.gauge("balance_change", "Net change of an account since midnight.", ledger.labels("account", "acct-2"), 75, 90);
        d.gauge("balance_change", "Net change of an account since midnight.", pricer.labels("account", "hedge-book"), -20, 300);
        d.counter("payments_transactions_total", "Payments settled.", ledger.labels("currency", "USD"), 3.5);
        d.counter("payments_transactions_total", "Payments settled.", ledger.labels("currency", "EUR"), 2.25);
        // a batch that last reported an hour before AT: stale at AT, present earlier
        d.gauge("batch_last_success_timestamp_seconds", "When the batch last succeeded.",
                ledger.labels("batch", "nightly-settlement"), t -> t <= AT - 3600 ? (double) (AT - 7200) : Double.NaN);
        d.gauge("batch_last_success_timestamp_seconds", "When the batch last succeeded.",
                pricer.labels("batch", "eod-var"), t -> (double) (AT - 1800));

        TenantBOnly.addTo(d, pricer);
        FixtureEdges.addTo(d);
        NoNamespace.addTo(d);
    }

    private static void api(TwoTenantData d, Target t, String[] handlers, String version) {
        for (String handler : handlers) {
            for (String method : new String[] {"GET", "POST"}) {
                for (String code : new String[] {"200", "404", "500"}) {
                    double rate = ("200".equals(code) ? 4.0 : "404".equals(code) ? 0.4 : 0.05)
                            * ("GET".equals(method) ? 1.0 : 0.5) * (handler.length() % 3 + 1);
                    d.counter("http_requests_total", "Requests served, by handler, method and code.",
                            t.labels("handler", handler, "method", method, "code", code), rate);
                }
            }
            d.histogram("http_request_duration_seconds", "How long requests took.", t.labels("handler", handler),
                    2.0 + handler.length() % 3, SECONDS_LE, SECONDS_SHARES, 0.21);
        }
        d.gauge("app_info", "The running version.", t.labels("version", version), t2 -> 1);
    }

    private static void container(TwoTenantData d, Target t) {
        String container = t.job();
        d.counter("container_cpu_usage_seconds_total", "CPU used by the container.",
                new Target(t.namespace(), t.cluster(), "kubelet", "kubelet-" + t.cluster() + ":10250")
                        .labels("pod", t.pod(), "container", container), 0.1 + 0.01 * t.pod().length());
        d.gauge("container_memory_working_set_bytes", "Working set of the container.",
                new Target(t.namespace(), t.cluster(), "kubelet", "kubelet-" + t.cluster() + ":10250")
                        .labels("pod", t.pod(), "container", container), 1.5e8 + 1.0e6 * t.pod().length(), 2.0e7);
        d.gauge("kube_pod_info", "Where a pod runs.",
                new Target(t.namespace(), t.cluster(), "kube-state-metrics", "kube-state-metrics:8080")
                        .labels("pod", t.pod(), "node", "us-1".equals(t.cluster()) ? "node-1" : "node-0"), t2 -> 1);
    }
}
