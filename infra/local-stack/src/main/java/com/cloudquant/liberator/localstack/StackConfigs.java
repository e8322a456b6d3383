package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the nginx and Prometheus configuration for the chosen ports and directory. */
final class StackConfigs {

    private StackConfigs() {
    }

    static Path writeNginx(StackLayout layout, StackPorts ports) {
        String servers = ports.gateways().stream()
                .map(port -> "        server 127.0.0.1:" + port + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        String text = Template.render("nginx.conf", Map.of(
                "dir", layout.root().toAbsolutePath().toString(),
                "gatewayServers", servers,
                "tokenServicePort", String.valueOf(ports.tokenService()),
                "httpPort", String.valueOf(ports.publicHttp()),
                "httpsPort", String.valueOf(ports.publicHttps())));
        return write(layout.nginx().resolve("nginx.conf"), text);
    }

    static Path writePrometheus(StackLayout layout, StackPorts ports, java.time.Duration scrapeInterval) {
        String gatewayTargets = ports.gatewayManagement().stream()
                .map(port -> "'127.0.0.1:" + port + "'")
                .collect(Collectors.joining(", "));
        String text = Template.render("prometheus.yml", Map.of(
                "scrapeInterval", scrapeInterval.toSeconds() + "s",
                "prometheusPort", String.valueOf(ports.prometheus()),
                "nodeExporterPort", String.valueOf(ports.nodeExporter()),
                "tokenServiceManagementPort", String.valueOf(ports.tokenServiceManagement()),
                "tokenServiceMetricsPath", ServiceCommands.TOKEN_SERVICE_METRICS,
                "gatewayMetricsPath", ServiceCommands.GATEWAY_METRICS,
                "gatewayManagementTargets", gatewayTargets));
        return write(layout.prometheusConfig(), text);
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
