package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** infra/prometheus/prometheus.yml: valid for promtool, scraping what the design says. */
class PrometheusConfigTest {

    static final Path CONFIG = Repository.path("infra/prometheus/prometheus.yml");
    private static final Pattern METRICS_CONTROLLER = Pattern.compile("@Controller\\(\"(/[a-z/]*(?:metrics|prometheus))\"\\)");

    @Test
    void productionConfigPassesPromtool() {
        String promtool = Programs.require("promtool", "prometheus");

        Programs.Result result = Programs.run(CONFIG.getParent(), List.of(promtool, "check", "config", CONFIG.toString()));

        assertThat(result.succeeded()).as("promtool check config:\n%s", result.output()).isTrue();
    }

    @Test
    void scrapesEveryThirtySeconds() throws IOException {
        Map<String, Object> global = ComposeModel.map(config().get("global"));

        assertThat(global).containsEntry("scrape_interval", "30s");
        jobs().values().forEach(job -> assertThat(job).doesNotContainKey("scrape_interval"));
    }

    @Test
    void scrapesItselfNodeExporterTheTokenServiceAndBothGateways() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs();

        assertThat(targets(jobs.get("prometheus"))).containsExactly("localhost:9090");
        assertThat(targets(jobs.get("node"))).containsExactly("node-exporter:9100");
        assertThat(targets(jobs.get("liberator-token-service"))).containsExactly("token-service:8081");
        assertThat(jobs.get("liberator-token-service")).containsEntry("metrics_path", "/prometheus");
        assertThat(targets(jobs.get("liberator-gateway"))).containsExactly("gateway-1:8081", "gateway-2:8081");
        assertThat(jobs.get("liberator-gateway")).containsEntry("metrics_path", "/prometheus");
    }

    @Test
    void targetsAreComposeServicesOnThePortsTheyServeMetricsOn(@TempDir Path scratch) throws IOException {
        ComposeModel compose = ComposeModel.load(scratch);
        Map<String, Map<String, Object>> jobs = jobs();

        assertThat(compose.services()).containsKeys("prometheus", "node-exporter");
        // every Liberator service is scraped on its management port, which listens on the compose
        // network (not loopback) for it, and which nginx never forwards to
        List<String> targets = new ArrayList<>(targets(jobs.get("liberator-gateway")));
        targets.addAll(targets(jobs.get("liberator-token-service")));
        for (String target : targets) {
            String[] hostPort = target.split(":");
            assertThat(compose.environment(hostPort[0])).as(target).containsEntry("ENDPOINTS_ALL_PORT", hostPort[1])
                    .containsEntry("LIBERATOR_MANAGEMENT_HOST", "0.0.0.0");
            assertThat(Files.readString(NginxConfigTest.CONFIG)).as(target).doesNotContain(target);
        }
    }

    @Test
    void metricsPathsAreWhereTheServicesServeTheirMetrics() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs();

        assertThat(metricsPathsOf("token-service"))
                .contains(String.valueOf(jobs.get("liberator-token-service").get("metrics_path")));
        assertThat(metricsPathsOf("gateway")).contains(String.valueOf(jobs.get("liberator-gateway").get("metrics_path")));
    }

    /**
     * Where a service answers in Prometheus text: its own {@code @Controller} named for metrics,
     * and/or Micronaut's prometheus endpoint under {@code endpoints.all.path} when enabled.
     */
    private static List<String> metricsPathsOf(String module) throws IOException {
        List<String> paths = new ArrayList<>();
        Path main = Repository.path(module + "/src/main");
        Map<String, Object> application = new Yaml().load(Files.readString(main.resolve("resources/application.yml")));
        Map<String, Object> endpoints = ComposeModel.map(application.get("endpoints"));
        if (!Boolean.FALSE.equals(ComposeModel.map(endpoints.get("prometheus")).get("enabled"))) {
            String base = String.valueOf(ComposeModel.map(endpoints.get("all")).getOrDefault("path", "/"));
            paths.add((base.endsWith("/") ? base : base + "/") + "prometheus");
        }
        try (Stream<Path> files = Files.walk(main.resolve("java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher controller = METRICS_CONTROLLER.matcher(Files.readString(file));
                while (controller.find()) {
                    paths.add(controller.group(1));
                }
            }
        }
        return paths;
    }

    private static Map<String, Object> config() throws IOException {
        return new Yaml().load(Files.readString(CONFIG));
    }

    private static Map<String, Map<String, Object>> jobs() throws IOException {
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Object job : (List<?>) config().get("scrape_configs")) {
            Map<String, Object> scrape = ComposeModel.map(job);
            jobs.put(String.valueOf(scrape.get("job_name")), scrape);
        }
        return jobs;
    }

    private static List<String> targets(Map<String, Object> job) {
        assertThat(job).as("scrape job").isNotNull();
        return ((List<?>) job.get("static_configs")).stream()
                .flatMap(config -> ComposeModel.strings(ComposeModel.map(config).get("targets")).stream())
                .toList();
    }
}
