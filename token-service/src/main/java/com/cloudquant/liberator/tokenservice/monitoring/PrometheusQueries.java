package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the System Monitoring summary from Prometheus's HTTP API, through {@link PrometheusHttp}. */
@Singleton
class PrometheusQueries {

    static final String TARGETS_UP = "sum(up)";
    static final String TARGETS_TOTAL = "count(up)";
    // the gateway's names, from the one place both sides read them
    static final String REQUEST_RATE = "sum(rate(" + GatewayMetric.REQUESTS.series() + "[5m]))";
    static final String AUTH_FAILURES = "sum(increase(" + GatewayMetric.AUTH_FAILURES.series() + "[1h]))";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusQueries.class);

    private final PrometheusHttp prometheus;

    PrometheusQueries(PrometheusHttp prometheus) {
        this.prometheus = prometheus;
    }

    MonitoringSummary summary() {
        String base = prometheus.base();
        if (base == null) {
            return MonitoringSummary.notConfigured();
        }
        try {
            return new MonitoringSummary("ok", base, scalar(TARGETS_UP), scalar(TARGETS_TOTAL),
                    scalar(REQUEST_RATE), scalar(AUTH_FAILURES), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision=monitoring-unavailable url={} reason=\"{}\" error={}", base, prometheus.why(e),
                    Printable.value(e.toString()));
            return MonitoringSummary.unreachable(base, prometheus.why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MonitoringSummary.unreachable(base, "interrupted");
        }
    }

    /** The single value of an instant query; {@code null} when the result is empty. */
    private Double scalar(String query) throws IOException, InterruptedException {
        JsonNode result = prometheus.instant(query);
        if (!result.isArray() || result.isEmpty()) {
            return null;
        }
        double value = PrometheusHttp.sample(result.get(0).path("value").get(1).asText());
        return Double.isFinite(value) ? value : null;
    }
}
