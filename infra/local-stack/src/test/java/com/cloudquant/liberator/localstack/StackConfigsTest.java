package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered configurations are accepted by the real programs that will run them. */
class StackConfigsTest {

    @TempDir
    Path dir;

    private final Programs programs = new Programs(Path.of(System.getProperty("liberator.repo.root", "../..")));

    @Test
    void renderedNginxConfigPassesNginxSelfTest() throws Exception {
        StackLayout layout = new StackLayout(dir);
        layout.create();
        TlsCertificate.ensure(programs, layout.tls());
        Path config = StackConfigs.writeNginx(layout, StackPorts.ephemeral());

        Result result = run(programs.path("nginx"), "-t", "-p", layout.nginx().toString(), "-c", config.toString(),
                "-g", "error_log " + dir.resolve("nginx-test.log") + ";");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(config)).contains("proxy_next_upstream error timeout http_502 http_503")
                .contains("proxy_buffering off");
        // plain HTTP stays on this host: every listener is on loopback
        assertThat(Files.readString(config).lines().map(String::trim).filter(line -> line.startsWith("listen ")))
                .hasSize(2).allMatch(line -> line.startsWith("listen 127.0.0.1:"));
    }

    @Test
    void renderedPrometheusConfigPassesPromtoolAndScrapesEveryPart() throws Exception {
        StackLayout layout = new StackLayout(dir);
        StackPorts ports = StackPorts.ephemeral();
        Path config = StackConfigs.writePrometheus(layout, ports, java.time.Duration.ofSeconds(30));

        Result result = run(programs.path("promtool"), "check", "config", config.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        String text = Files.readString(config);
        assertThat(text).contains("scrape_interval: 30s");
        for (int port : List.of(ports.prometheus(), ports.nodeExporter(), ports.tokenServiceManagement(),
                ports.gatewayManagement().get(0), ports.gatewayManagement().get(1))) {
            assertThat(text).contains("127.0.0.1:" + port);
        }
    }

    @Test
    void aBusyPortIsNamedWithTheOptionThatMovesIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackPorts defaults = StackPorts.ephemeral();
            StackPorts ports = new StackPorts(defaults.publicHttp(), defaults.publicHttps(), defaults.tokenService(),
                    defaults.tokenServiceManagement(), defaults.gateways(), defaults.gatewayManagement(), busy.getLocalPort(), defaults.kafka(),
                    defaults.nodeExporter());

            assertThat(org.assertj.core.api.Assertions.catchThrowable(ports::requireAllFree))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("port " + busy.getLocalPort() + " is already in use")
                    .hasMessageContaining("--prometheus-port");
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
