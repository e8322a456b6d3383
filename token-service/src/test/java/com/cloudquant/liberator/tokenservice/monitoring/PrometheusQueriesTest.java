package com.cloudquant.liberator.tokenservice.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.tokenservice.support.FakePrometheus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusQueriesTest {

    @Test
    void withoutAConfiguredPrometheusTheViewSaysWhichKeyToSet() {
        MonitoringSummary summary = new PrometheusQueries(
                new PrometheusHttp(new MonitoringSettings(null, Duration.ofSeconds(1), 1 << 20, Duration.ofDays(30)))).summary();

        assertThat(summary.state()).isEqualTo("not-configured");
        assertThat(summary.message()).contains("liberator.monitoring.prometheus-url");
    }

    @Test
    void anUnreachablePrometheusIsSaidPlainly() throws Exception {
        int closedPort = FreePort.pick(); // nothing listens there
        URI url = URI.create("http://127.0.0.1:" + closedPort);

        MonitoringSummary summary = new PrometheusQueries(
                new PrometheusHttp(new MonitoringSettings(url, Duration.ofSeconds(1), 1 << 20, Duration.ofDays(30)))).summary();

        assertThat(summary.state()).isEqualTo("unreachable");
        assertThat(summary.message()).contains(url.toString()).contains("unreachable");
    }

    @Test
    void aMetricWithoutDataIsNoDataRatherThanZero() {
        try (FakePrometheus prometheus = FakePrometheus.start(Map.of("sum(up)", "2", "count(up)", "2"))) {
            MonitoringSummary summary = new PrometheusQueries(new PrometheusHttp(
                    new MonitoringSettings(URI.create(prometheus.url() + "/"), Duration.ofSeconds(1), 1 << 20, Duration.ofDays(30)))).summary();

            assertThat(summary.state()).isEqualTo("ok");
            assertThat(summary.targetsUp()).isEqualTo(2.0);
            assertThat(summary.requestsPerSecond()).isNull();
        }
    }
}
