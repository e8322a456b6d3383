package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void readsTargetsOfPanelsAndOfPanelsInsideRowsInOrder() {
        String dashboard = """
                {"panels": [
                  {"targets": [{"expr": "up"}, {"expr": "sum(up)"}]},
                  {"type": "row", "panels": [{"targets": [{"expr": "count(up)"}]}]},
                  {"type": "text"}
                ]}""";

        assertThat(DashboardQueries.parse(dashboard)).containsExactly("up", "sum(up)", "count(up)");
    }

    @Test
    void replacesGrafanaIntervalVariablesAsForAThirtySecondScrapeInterval() {
        assertThat(DashboardQueries.substitute("rate(x[$__rate_interval]) + rate(x[${__interval}])"))
                .isEqualTo("rate(x[2m]) + rate(x[30s])");
    }

    @Test
    void leavesRegexAnchorsAndReplacementReferencesAlone() {
        String expr = "label_replace(x{a=~\"b$\"}, \"c\", \"$1\", \"a\", \"(.*)\")";

        assertThat(DashboardQueries.substitute(expr)).isEqualTo(expr);
    }

    @Test
    void refusesATemplateVariableItCannotFillIn() {
        assertThatThrownBy(() -> DashboardQueries.substitute("up{instance=\"$instance\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$instance");
    }

    @Test
    void refusesTextThatIsNotADashboard() {
        assertThatThrownBy(() -> DashboardQueries.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DashboardQueries.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedGatewayDashboardIsOnTheClasspath() {
        assertThat(DashboardQueries.gatewayDashboard()).isNotEmpty().allMatch(expr -> !expr.contains("$"));
    }
}
