package com.cloudquant.liberator.gateway.scope;

import static org.awaitility.Awaitility.await;

import com.cloudquant.liberator.gateway.testing.PrometheusApi;
import com.cloudquant.liberator.gateway.testing.PrometheusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Prometheus holding both tenants of {@link TwoTenantData} in one TSDB, for every test
 * class that asks for it in a run: the history backfilled with {@code promtool}, the current values
 * (metadata, alerts) scraped from a {@link FixtureExporter}, the rules of {@code scope/rules.yml}
 * evaluated. Started once (about five seconds), closed by JUnit after the last class.
 */
final class TwoTenantPrometheus implements BeforeAllCallback {

    /**
     * A gateway's settings for reading this fixture: its history is from 2023, before any default
     * {@code max-lookback}, and its tests send a corpus of queries with one token as fast as they can.
     * The query limits are {@code QueryLimitsThroughGatewayTest}'s subject, not the scope tests'.
     */
    static final Map<String, Object> GATEWAY_SETTINGS = Map.of(
            "liberator.gateway.limits.max-lookback", "0s",
            "liberator.gateway.limits.rate-per-second", 100_000,
            "liberator.gateway.limits.burst", 100_000);

    private static final System.Logger LOG = System.getLogger(TwoTenantPrometheus.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwoTenantPrometheus.class);
    private static volatile Fixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class, key -> Fixture.start(), Fixture.class);
    }

    static Fixture fixture() {
        return fixture;
    }

    /** The running fixture. */
    record Fixture(Path dir, TwoTenantData data, TenantBTokens tenantB, FixtureExporter exporter,
                   PrometheusProcess prometheus, PrometheusApi api)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static Fixture start() {
            long started = System.nanoTime();
            TwoTenantData data = TwoTenantData.build();
            FixtureExporter exporter = FixtureExporter.start(FixtureFiles.exposition(data));
            try {
                Path dir = Files.createTempDirectory("two-tenant-prometheus");
                Path backfill = FixtureFiles.writeOpenMetrics(data, dir.resolve("backfill.om"));
                long written = System.nanoTime();
                String scrape = """
                          - job_name: fixture
                            honor_labels: true
                            static_configs:
                              - targets: ['%s']
                        """.formatted(exporter.target());
                PrometheusProcess prometheus = PrometheusProcess.start(dir, new PrometheusProcess.Setup(scrape,
                        List.of(FixtureFiles.writeRules(dir.resolve("rules.yml"))),
                        List.of(backfill),
                        // the backfilled blocks are from 2023: never let retention drop them
                        List.of("--storage.tsdb.retention.time=50y")));
                Files.delete(backfill); // in the TSDB now; tens of megabytes
                Fixture fixture = new Fixture(dir, data, TenantBTokens.of(data), exporter, prometheus,
                        new PrometheusApi(prometheus.url()));
                long running = System.nanoTime();
                try {
                    fixture.awaitRulesAndMetadata();
                } catch (RuntimeException e) {
                    fixture.close();
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, "event=two_tenant_prometheus_ready url={0} series={1} writeMs={2} startMs={3} "
                        + "awaitMs={4}", prometheus.url(), data.series().size(), (written - started) / 1_000_000,
                        (running - written) / 1_000_000, (System.nanoTime() - running) / 1_000_000);
                return fixture;
            } catch (IOException e) {
                exporter.close();
                throw new UncheckedIOException(e);
            }
        }

        /** Until both tenants' metadata was scraped and both tenants' alerts fire. */
        private void awaitRulesAndMetadata() {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String metadata = api.get("/api/v1/metadata").body();
                String alerts = api.get("/api/v1/alerts").body();
                return metadata.contains("\"risk_secret_total\"") && metadata.contains("\"http_requests_total\"")
                        && alerts.contains("PaymentsQueueBacklog") && alerts.contains("RiskExposureHigh")
                        && alerts.contains("RiskSecretRead");
            });
        }

        String url() {
            return prometheus.url();
        }

        @Override
        public void close() {
            prometheus.close();
            exporter.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "event=two_tenant_prometheus_not_removed dir={0} error={1}", dir, e);
            }
        }
    }
}
