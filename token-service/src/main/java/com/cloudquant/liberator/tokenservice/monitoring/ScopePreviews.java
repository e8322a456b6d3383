package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.promql.Scope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which series a scope would let a token read: the same {@code series} and {@code label/__name__/values}
 * calls the gateway makes for a scoped token that names no {@code match[]}, over the last hour.
 */
@Singleton
class ScopePreviews {

    static final long SERIES_CAP = 100_000;
    static final int NAMES_SHOWN = 50;
    static final Duration WINDOW = Duration.ofHours(1);
    private static final String WINDOW_TEXT = "1h";
    private static final String UNAVAILABLE = "The scope preview is unavailable: ";
    private static final String STILL_WORKS = " Issuing a token does not need Prometheus and still works.";
    private static final Logger LOG = LoggerFactory.getLogger(ScopePreviews.class);

    private final PrometheusHttp prometheus;
    private final long seriesCap;

    @Inject
    ScopePreviews(PrometheusHttp prometheus) {
        this(prometheus, SERIES_CAP);
    }

    ScopePreviews(PrometheusHttp prometheus, long seriesCap) {
        this.prometheus = prometheus;
        this.seriesCap = seriesCap;
    }

    /** @throws PrometheusUnavailableException when Prometheus is not configured or gives no answer */
    ScopePreview preview(Scope scope, String user) {
        String base = prometheus.base();
        if (base == null) {
            throw new PrometheusUnavailableException(UNAVAILABLE + "no Prometheus is configured (set"
                    + " liberator.monitoring.prometheus-url)." + STILL_WORKS);
        }
        Instant end = Instant.now();
        // exactly one match[]: the scope, as the gateway adds it when a scoped token sends none
        String query = "?match[]=" + PrometheusHttp.encode(scope.canonical()) + "&start="
                + end.minus(WINDOW).getEpochSecond() + "&end=" + end.getEpochSecond();
        try {
            StreamedAnswers.Names names;
            try (InputStream body = prometheus.get("/api/v1/label/__name__/values" + query)) {
                names = StreamedAnswers.names(body, NAMES_SHOWN);
            }
            StreamedAnswers.Count series;
            try (InputStream body = prometheus.get("/api/v1/series" + query)) {
                series = StreamedAnswers.count(body, seriesCap);
            }
            LOG.info("decision=scope-preview user={} scope={} series={} seriesCapped={} metricNames={}", user,
                    scope.canonical(), series.count(), series.capped(), names.total());
            return new ScopePreview(scope.canonical(), series.count(), series.capped(), names.first(), names.total(),
                    WINDOW_TEXT);
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision=scope-preview-unavailable user={} scope={} url={} reason=\"{}\" error={}", user,
                    scope.canonical(), base, prometheus.why(e), Printable.value(e.toString()));
            throw new PrometheusUnavailableException(UNAVAILABLE + "Prometheus at " + base + " did not answer ("
                    + prometheus.why(e) + ")." + STILL_WORKS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusUnavailableException(UNAVAILABLE + "interrupted while asking Prometheus at " + base + "."
                    + STILL_WORKS);
        }
    }
}
