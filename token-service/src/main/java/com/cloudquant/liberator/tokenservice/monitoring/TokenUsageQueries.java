package com.cloudquant.liberator.tokenservice.monitoring;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every token's use from the gateways' per-token meters in Prometheus: two instant queries per
 * token list, not cached, so the list shows use as of the last scrape. The second is not asked when the
 * first failed: an unreachable Prometheus costs the list at most one {@code liberator.monitoring.timeout}.
 */
@Singleton
public final class TokenUsageQueries {

    private static final Logger LOG = LoggerFactory.getLogger(TokenUsageQueries.class);
    private static final String TOKEN_ID = GatewayMetric.TOKEN_ID;
    private static final String LAST = GatewayMetric.TOKEN_LAST_REQUEST.series();

    private final PrometheusHttp prometheus;
    private final MonitoringSettings settings;
    private final Clock clock;

    TokenUsageQueries(PrometheusHttp prometheus, MonitoringSettings settings, Clock clock) {
        this.prometheus = prometheus;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The last request per token: the gauge as now, or its highest value in hourly looks over
     * {@code unused-after}, for a token last used on a replica that has restarted since (a restart
     * forgets the gauge); a subquery at 1 h, not every sample, keeps the cost per token to one look an hour.
     */
    static String lastUsedQuery(Duration unusedAfter) {
        return "max by (" + TOKEN_ID + ") (" + LAST + " or max_over_time(" + LAST + "[" + unusedAfter.toSeconds()
                + "s:1h]))";
    }

    static final String REQUESTS_24H = "sum by (" + TOKEN_ID + ") (increase("
            + GatewayMetric.TOKEN_REQUESTS.series() + "[24h]))";

    public TokenUsages usage() {
        Instant now = clock.instant();
        String base = prometheus.base();
        if (base == null) {
            return TokenUsages.unavailable("not-configured", now, settings.unusedAfter());
        }
        try {
            Map<String, Instant> last = byToken(lastUsedQuery(settings.unusedAfter()),
                    seconds -> Instant.ofEpochMilli(Math.round(seconds * 1000)));
            Map<String, Long> requests = byToken(REQUESTS_24H, Math::round);
            return new TokenUsages(last, requests, now, settings.unusedAfter(), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("decision=token-usage-unavailable url={} reason=\"{}\" error={}", base, prometheus.why(e),
                    Printable.value(e.toString()));
            return TokenUsages.unavailable("unreachable: " + prometheus.why(e), now, settings.unusedAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TokenUsages.unavailable("unreachable: interrupted", now, settings.unusedAfter());
        }
    }

    private <T> Map<String, T> byToken(String query, Function<Double, T> value) throws IOException, InterruptedException {
        JsonNode result = prometheus.instant(query);
        Map<String, T> byToken = new HashMap<>();
        for (JsonNode sample : result) {
            String tokenId = sample.path("metric").path(TOKEN_ID).asText(null);
            double number = PrometheusHttp.sample(sample.path("value").path(1).asText("NaN"));
            // not a time nor a count (NaN, ±Inf): the token shows no use from this series
            if (tokenId != null && Double.isFinite(number)) {
                byToken.put(tokenId, value.apply(number));
            }
        }
        return byToken;
    }
}
