package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/grafana/dashboards/liberator-gateway.json: Grafana can load it, every query is valid
 * PromQL and names a metric. That every metric and label it names is a series the gateways
 * really export is checked where real gateways run and a real Prometheus scrapes them:
 * infra/local-stack's {@code GatewayDashboardSeriesTest}.
 */
class GatewayDashboardTest {

    static final Path DASHBOARD = Repository.path("infra/grafana/dashboards/liberator-gateway.json");
    static final Path DATASOURCE = Repository.path("infra/grafana/provisioning/datasources/cloudquant.yaml");

    @Test
    void dashboardIsJsonWithPanelsAndAQueryInEach() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));

        assertThat(dashboard.path("uid").asText()).isEqualTo("liberator-gateway");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as("targets of panel %s", panel.path("title")).isNotEmpty();
        }
        assertThat(DashboardQueries.of(DASHBOARD)).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
    }

    @Test
    void everyPanelReadsTheProvisionedDatasource() throws IOException {
        Map<String, Object> provisioned = ComposeModel.map(((List<?>) ComposeModel.map(
                new Yaml().load(Files.readString(DATASOURCE))).get("datasources")).get(0));
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));

        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as("panel %s", panel.path("title"))
                    .isEqualTo(provisioned.get("uid"));
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(provisioned.get("uid"));
            }
        }
    }

    @Test
    void showsRequestRateByCodeAuthFailuresByReasonUpstreamP95AndStaleness() {
        List<String> queries = DashboardQueries.of(DASHBOARD);

        assertThat(queries).contains(
                "sum by (code) (rate(liberator_gateway_requests_total[2m]))",
                "sum by (reason) (rate(liberator_gateway_auth_failures_total[2m]))",
                "histogram_quantile(0.95, sum by (le) (rate(liberator_gateway_upstream_latency_seconds_bucket[2m])))",
                "max by (instance) (liberator_gateway_projection_staleness_seconds)");
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path scratch) throws IOException {
        String promtool = Programs.require("promtool", "prometheus");
        List<String> queries = DashboardQueries.of(DASHBOARD);
        // promtool has no "check expression"; recording rules are the documented way to have
        // it parse PromQL. JSON is YAML, so Jackson writes the rules file without quoting trouble.
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard:query_" + (i + 1));
            rule.put("expr", queries.get(i));
            rules.add(rule);
        }
        Path rulesFile = scratch.resolve("dashboard-rules.yml");
        new ObjectMapper().writeValue(rulesFile.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));

        Programs.Result result = Programs.run(scratch, List.of(promtool, "check", "rules", rulesFile.toString()));

        assertThat(result.succeeded()).as("promtool check rules on the dashboard's queries %s:\n%s", queries, result.output())
                .isTrue();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    /** A query of constants alone would draw a line whatever the gateways export. */
    @Test
    void everyQueryNamesAMetric() {
        for (String query : DashboardQueries.of(DASHBOARD)) {
            assertThat(PromqlNames.of(query).metrics()).as("metrics in `%s`", query).isNotEmpty();
        }
    }

    @Test
    void theClasspathCopyIsTheRepositoryDashboard() {
        assertThat(DashboardQueries.gatewayDashboard()).isEqualTo(DashboardQueries.of(DASHBOARD));
    }
}
