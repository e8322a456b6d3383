package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The banner's Grafana YAML is the deployment's data-source file, filled in for the stack. */
class BannerTest {

    private static final Path REPO = Path.of(System.getProperty("liberator.repo.root", "../.."));
    private static final String URL = "http://127.0.0.1:8080";

    @Test
    void theBannersYamlIsTheDeploymentsFileWithTheStacksUrlAndTheShellsToken() throws IOException {
        String yaml = Banner.provisioning(REPO, URL);

        Map<String, Object> shown = datasource(yaml);
        Map<String, Object> deployed = datasource(Files.readString(REPO.resolve(Banner.PROVISIONING_FILE)));
        assertThat(shown).containsEntry("url", URL + "/metrics-api-bearer")
                .containsEntry("secureJsonData", Map.of("httpHeaderValue1", "Bearer $TOKEN"));
        deployed.put("url", URL + "/metrics-api-bearer");
        deployed.put("secureJsonData", Map.of("httpHeaderValue1", "Bearer $TOKEN"));
        assertThat(shown).isEqualTo(deployed);
        // the deployment's comments describe its environment variables, not this stack
        assertThat(yaml).startsWith("apiVersion: 1\n").doesNotContain("#").doesNotContain("${");
    }

    @Test
    void anEditOfTheDeploymentsFileIsWhatTheBannerShows(@TempDir Path checkout) throws IOException {
        Path file = checkout.resolve(Banner.PROVISIONING_FILE);
        Files.createDirectories(file.getParent());
        String deployed = Files.readString(REPO.resolve(Banner.PROVISIONING_FILE));
        String edited = deployed.replaceFirst("timeInterval: \\S+", "timeInterval: 17s");
        assertThat(edited).isNotEqualTo(deployed);
        Files.writeString(file, edited);

        assertThat(Banner.provisioning(checkout, URL)).contains("timeInterval: 17s")
                .isNotEqualTo(Banner.provisioning(REPO, URL));
    }

    @Test
    void aFileWithoutTheTokenVariableIsRefusedByName(@TempDir Path checkout) throws IOException {
        Path file = checkout.resolve(Banner.PROVISIONING_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Files.readString(REPO.resolve(Banner.PROVISIONING_FILE))
                .replace("${LIBERATOR_GRAFANA_TOKEN}", "cqm_committed"));

        assertThatThrownBy(() -> Banner.provisioning(checkout, URL)).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("${LIBERATOR_GRAFANA_TOKEN}").hasMessageContaining(file.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> datasource(String yaml) {
        Map<String, Object> file = new Yaml().load(yaml);
        assertThat(file).containsEntry("apiVersion", 1);
        return (Map<String, Object>) ((List<?>) file.get("datasources")).get(0);
    }
}
