package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana provisioning files: the datasource is the integration page's file with only the
 * host and the token taken from the environment, and the dashboard provider loads the
 * directory docker-compose.yml mounts.
 */
class GrafanaProvisioningTest {

    static final Path PROVIDER = Repository.path("infra/grafana/provisioning/dashboards/liberator.yaml");

    @Test
    void datasourceIsTheIntegrationPagesFileWithHostAndTokenFromTheEnvironment() throws IOException {
        Map<String, Object> datasource = datasource();

        assertThat(datasource).containsEntry("name", "cloudquant-liberator").containsEntry("uid", "cloudquant-liberator")
                .containsEntry("type", "prometheus").containsEntry("access", "proxy")
                .containsEntry("isDefault", true).containsEntry("editable", true)
                .containsEntry("url", "${LIBERATOR_GRAFANA_DATASOURCE_URL}");
        assertThat(ComposeModel.map(datasource.get("jsonData"))).containsEntry("httpMethod", "POST")
                .containsEntry("timeInterval", "30s").containsEntry("prometheusType", "Prometheus")
                .containsEntry("httpHeaderName1", "Authorization");
        assertThat(ComposeModel.map(datasource.get("secureJsonData")))
                .containsExactly(Map.entry("httpHeaderValue1", "Bearer ${LIBERATOR_GRAFANA_TOKEN}"));
    }

    @Test
    void datasourceUrlIsTheBearerPrefixThroughNginx(@TempDir Path scratch) {
        ComposeModel compose = ComposeModel.load(scratch);
        String url = compose.environment("grafana").get("LIBERATOR_GRAFANA_DATASOURCE_URL");

        // no trailing slash: Grafana appends /api/v1/..., which lands in nginx's /metrics-api-bearer/ location
        assertThat(url).endsWith("/metrics-api-bearer");
        // nginx's internal listener: 8080 redirects to TLS, whose certificate need not name "nginx"
        assertThat(url).startsWith("http://nginx:8088");
    }

    @Test
    void dashboardProviderLoadsTheMountedDashboardDirectory(@TempDir Path scratch) throws IOException {
        Map<String, Object> provider = ComposeModel.map(((List<?>) ComposeModel.map(
                new Yaml().load(Files.readString(PROVIDER))).get("providers")).get(0));
        String path = String.valueOf(ComposeModel.map(provider.get("options")).get("path"));
        ComposeModel compose = ComposeModel.load(scratch);

        assertThat(provider).containsEntry("type", "file").containsEntry("allowUiUpdates", false);
        assertThat(compose.mounts("grafana")).contains(Repository.ROOT + "/infra/grafana/dashboards:" + path + ":ro");
        assertThat(Repository.path("infra/grafana/dashboards/liberator-gateway.json")).isRegularFile();
    }

    private static Map<String, Object> datasource() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(GatewayDashboardTest.DATASOURCE));
        assertThat(file).containsEntry("apiVersion", 1);
        List<?> datasources = (List<?>) file.get("datasources");
        assertThat(datasources).hasSize(1);
        return ComposeModel.map(datasources.get(0));
    }
}
