package com.cloudquant.liberator.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.edge.GatewayMetric;
import com.cloudquant.liberator.gateway.testing.DefaultGateway;
import com.cloudquant.liberator.gateway.testing.GatewayHarness;
import com.cloudquant.liberator.gateway.testing.SharedInfra;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token's use as the management port exports it, in front of a real Prometheus: one request
 * counter and one last-request gauge per token id, never its secret or hint; and every shared
 * {@link GatewayMetric} under the series name the token-service queries.
 */
@ExtendWith(SharedInfra.class)
class TokenUsageMetricsTest {

    private static final String P = "/metrics-api-bearer";
    private static GatewayHarness gateway;

    @RegisterExtension
    static final DefaultGateway GATEWAY = new DefaultGateway(started -> gateway = started);

    @Test
    void everyAnswerToATokenCountsAndStampsItsLastUseByTokenIdOnly() {
        GatewayHarness.Issued used = gateway.issue("grafana-usage");
        GatewayHarness.Issued idle = gateway.issue("grafana-idle");
        double before = Instant.now().toEpochMilli() / 1000.0;
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.get(P + "/api/v1/query?query=up", "Authorization", used.bearer()).statusCode())
                    .isEqualTo(200);
        }
        // refused after authentication (no such route): still a use of the token
        assertThat(gateway.get(P + "/api/v1/admin/tsdb/snapshot", "Authorization", used.bearer()).statusCode())
                .isEqualTo(403);
        double after = Instant.now().toEpochMilli() / 1000.0;

        String scrape = scrape();
        assertThat(value(scrape, GatewayMetric.TOKEN_REQUESTS, used.tokenId())).isEqualTo(4.0);
        assertThat(value(scrape, GatewayMetric.TOKEN_LAST_REQUEST, used.tokenId())).isBetween(before, after);
        assertThat(values(scrape, GatewayMetric.TOKEN_REQUESTS, idle.tokenId())).as("a token never used").isEmpty();
        assertThat(values(scrape, GatewayMetric.TOKEN_LAST_REQUEST, idle.tokenId())).isEmpty();
        assertThat(scrape).doesNotContain(used.token().reveal(), used.token().hint(),
                used.token().reveal().substring(4, 12));
    }

    @Test
    void aFailedAuthenticationIsNoTokensUse() {
        GatewayHarness.Issued token = gateway.issue("grafana-other");
        String wrong = "Bearer " + token.token().reveal().substring(0, 51) + "x";
        assertThat(gateway.get(P + "/api/v1/query?query=up", "Authorization", wrong).statusCode()).isEqualTo(401);
        assertThat(values(scrape(), GatewayMetric.TOKEN_REQUESTS, token.tokenId())).isEmpty();
    }

    @Test
    void everySharedMetricIsExportedUnderTheSeriesNameOthersQuery() {
        GatewayHarness.Issued token = gateway.issue("grafana-names");
        gateway.get(P + "/api/v1/query?query=up", "Authorization", token.bearer());
        gateway.get(P + "/api/v1/query?query=up", "Authorization", "Bearer cqm_not-a-token");
        String scrape = scrape();
        for (GatewayMetric metric : GatewayMetric.ALL) {
            assertThat(scrape).as("%s exported as %s", metric.meterName(), metric.series())
                    .containsPattern("(?m)^" + Pattern.quote(metric.series()) + "\\{");
        }
    }

    private static String scrape() {
        var response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String scrape, GatewayMetric metric, String tokenId) {
        List<Double> found = values(scrape, metric, tokenId);
        assertThat(found).as("%s{token_id=%s}", metric.series(), tokenId).hasSize(1);
        return found.get(0);
    }

    /** Samples of {@code metric} whose labels are exactly {@code token_id="tokenId"}. */
    private static List<Double> values(String scrape, GatewayMetric metric, String tokenId) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric.series()) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        List<Double> found = new ArrayList<>();
        while (line.find()) {
            String labels = line.group(1).replaceAll(",$", "");
            if (labels.equals(GatewayMetric.TOKEN_ID + "=\"" + tokenId + "\"")) {
                found.add(Double.parseDouble(line.group(2)));
            }
        }
        return found;
    }
}
