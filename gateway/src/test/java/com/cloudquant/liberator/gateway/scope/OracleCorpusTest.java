package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the oracle's corpus holds and how a template becomes the query a user sends and the query
 * scoped by hand; no Prometheus needed. {@link OracleCorpusSoundnessTest} asks Prometheus.
 */
class OracleCorpusTest {

    private static List<OracleQuery> corpus() {
        return OracleCorpus.load();
    }

    @Test
    void corpusHoldsAtLeast300DistinctQueriesWithMarkersOnlyInsideBraces() {
        List<OracleQuery> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        assertThat(corpus.stream().map(OracleQuery::unscoped).distinct().count()).isEqualTo(corpus.size());
        for (OracleQuery query : corpus) {
            String template = query.template();
            for (int at = template.indexOf(OracleQuery.MARKER); at >= 0; at = template.indexOf(OracleQuery.MARKER, at + 1)) {
                assertThat(template.lastIndexOf('{', at)).as(query.toString()).isGreaterThan(template.lastIndexOf('}', at));
            }
        }
        assertThat(corpus.stream().mapToInt(OracleQuery::markers).sum()).isGreaterThan(corpus.size());
    }

    @Test
    void corpusHoldsEveryDashboardExpressionAndTheIssueExamples() {
        List<String> unscoped = corpus().stream().map(OracleQuery::unscoped).toList();
        List<String> dashboard = DashboardExpressions.all();
        assertThat(dashboard).hasSizeGreaterThanOrEqualTo(15);
        assertThat(unscoped).containsAll(dashboard.stream().map(e -> e.replace("$__rate_interval", "1m")).toList());
        assertThat(unscoped).contains(
                "sum(up)",
                "sum by (envoy_response_code_class) (rate(envoy_http_downstream_rq_xx[5m]))",
                "histogram_quantile(0.99, sum by (le) (rate(envoy_cluster_external_upstream_rq_time_bucket[5m])))",
                "count(topk(scalar(sum(risk_secret_total)), {__name__=~\".+\"}))",
                "count(quantile(scalar(sum(risk_exposure_ratio)), up))",
                "count_values(\"secret\", risk_secret_total)",
                "sum(risk_secret_total) > bool 0");
    }

    @Test
    void markerCheckFindsEveryUnmarkedSelector() {
        assertThat(MarkerCheck.unmarkedSelectors("sum by (job) (x{§}) / on(instance) group_left(version) app_info{§}")).isEmpty();
        assertThat(MarkerCheck.unmarkedSelectors("count_values(\"v\", x{a=\"}\",§}[5m:1m] offset -1h30m) > bool 0x1f"))
                .isEmpty();
        assertThat(MarkerCheck.unmarkedSelectors("topk(3, x{§} @ start()) or vector(-Inf) # y")).isEmpty();
        assertThat(MarkerCheck.unmarkedSelectors("sum(up)")).containsExactly("bare metric name at 4: up");
        assertThat(MarkerCheck.unmarkedSelectors("rate(x{job=\"a\"}[5m])")).hasSize(1);
        assertThat(MarkerCheck.unmarkedSelectors("x{§} and ignoring(a) group_left y * 1e-3")).containsExactly("bare metric name at 32: y");
    }

    /** Every function Prometheus 2.42 knows (the Debian package the tests run; promtool refuses any other name). */
    private static final List<String> FUNCTIONS = List.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
            "count_over_time", "days_in_month", "day_of_month", "day_of_week", "day_of_year", "deg", "delta", "deriv",
            "exp", "floor", "histogram_count", "histogram_sum", "histogram_fraction", "histogram_quantile",
            "holt_winters", "hour", "idelta", "increase", "irate", "label_replace", "label_join", "last_over_time", "ln",
            "log10", "log2", "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear",
            "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh",
            "sort", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
            "timestamp", "vector", "year");
    private static final List<String> AGGREGATIONS = List.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile");

    @Test
    void corpusCallsEveryFunctionAndEveryAggregationWithByAndWithout() {
        String corpus = corpus().stream().map(OracleQuery::unscoped).collect(Collectors.joining("\n"));
        for (String function : FUNCTIONS) {
            assertThat(Pattern.compile("(?<![\\w:])" + function + "\\(").matcher(corpus).find()).as(function).isTrue();
        }
        for (String aggregation : AGGREGATIONS) {
            for (String form : List.of("\\(", " by \\(", " without \\(")) {
                assertThat(Pattern.compile("(?<![\\w:])" + aggregation + form).matcher(corpus).find())
                        .as(aggregation + form).isTrue();
            }
        }
        for (String operator : List.of(" + ", " - ", " * ", " / ", " % ", " ^ ", " atan2 ", " == ", " != ", " > ", " < ",
                " >= ", " <= ", " and ", " or ", " unless ", " bool ", "on(", "ignoring(", "group_left", "group_right",
                " offset -", " @ start()", " @ end()", ":]", "[1h:5m]")) {
            assertThat(corpus).as(operator).contains(operator);
        }
    }

    @Test
    void everySelectorOfEveryLineCarriesAMarker() {
        String unmarked = corpus().stream()
                .filter(q -> !MarkerCheck.unmarkedSelectors(q.template()).isEmpty())
                .map(q -> q + " " + MarkerCheck.unmarkedSelectors(q.template()))
                .collect(Collectors.joining("\n"));
        assertThat(unmarked).isEmpty();
    }

    @Test
    void templatesBecomeTheUserQueryAndTheQueryScopedByHand() {
        OracleQuery bare = new OracleQuery(1, "sum(up{§}) / count({__name__=~\"up\",§}) + x{ § } - y{job=\"a\" , §}");
        assertThat(bare.unscoped()).isEqualTo("sum(up) / count({__name__=~\"up\"}) + x - y{job=\"a\" }");
        assertThat(bare.scopedBy("{namespace=\"payments\"}")).isEqualTo("sum(up{namespace=\"payments\"}) / "
                + "count({__name__=~\"up\",namespace=\"payments\"}) + x{ namespace=\"payments\" } - y{job=\"a\" , namespace=\"payments\"}");
        OracleQuery first = new OracleQuery(2, "rate(x{§,code=\"500\"}[5m] offset 1h)");
        assertThat(first.unscoped()).isEqualTo("rate(x{code=\"500\"}[5m] offset 1h)");
        assertThat(first.scopedBy("{cluster=~\"eu-.*\",namespace=\"payments\"}"))
                .isEqualTo("rate(x{cluster=~\"eu-.*\",namespace=\"payments\",code=\"500\"}[5m] offset 1h)");
        assertThat(new OracleQuery(3, "vector(1)").unscoped()).isEqualTo("vector(1)");
    }

    @Test
    void tenantBTokensAreWhatOnlyTenantBHas() {
        TenantBTokens tokens = TenantBTokens.of(TwoTenantData.build());
        assertThat(tokens.all()).contains("risk", "risk_secret_total", "risk_exposure_ratio", "risk_model_latency_seconds",
                "risk_model_latency_seconds_bucket", "desk", "model", "fx-options", "var-montecarlo", "risk-engine",
                "pricer-0:9090", "/limits", "risk-grafana", "risk_desk:risk_secret:rate5m", "RiskExposureHigh");
        assertThat(tokens.all()).doesNotContain("payments", "up", "http_requests_total", "job", "eu-1", "envoy",
                "namespace", "NodeDown", "node_cpu_seconds_total", "0.5");
        assertThat(tokens.foundIn("{\"namespace\":\"risk\"} rate(risk_secret_total{desk=\"rates\"}[5m]) asterisk_risk"))
                .containsExactly("risk", "risk_secret_total", "desk", "rates");
    }
}
