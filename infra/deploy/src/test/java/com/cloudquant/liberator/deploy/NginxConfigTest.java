package com.cloudquant.liberator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infra/nginx/nginx.conf: valid for a real nginx, and routing as the design says. */
class NginxConfigTest {

    static final Path CONFIG = Repository.path("infra/nginx/nginx.conf");

    /**
     * `nginx -t` on the copy {@link NginxRendering} makes (upstream names to 127.0.0.1, the
     * certificate from the tls-init script, pid/logs/temp paths in a temp prefix).
     */
    @Test
    void productionConfigPassesNginxTest(@TempDir Path prefix) throws IOException {
        String nginx = Programs.require("nginx", "nginx");
        TlsInit.makeCertificate(Files.createDirectories(prefix.resolve("tls")));
        Files.createDirectories(prefix.resolve("logs"));

        Path rendered = prefix.resolve("nginx.conf");
        Files.writeString(rendered, NginxRendering.render(Files.readString(CONFIG), prefix, Map.of(), Map.of()));
        Programs.Result result = Programs.run(prefix, List.of(nginx, "-t", "-p", prefix + "/", "-c", rendered.toString(),
                "-e", prefix.resolve("logs/startup-error.log").toString()));

        assertThat(result.succeeded()).as("nginx -t on %s:\n%s", rendered, result.output()).isTrue();
        assertThat(result.output()).contains("test is successful");
    }

    @Test
    void bearerRouteGoesToBothGatewaysAndRetriesReadsOnTheOther() throws IOException {
        String bearer = location(Files.readString(CONFIG), "/metrics-api-bearer/");

        assertThat(bearer).contains("proxy_pass http://liberator_gateways;",
                "proxy_next_upstream error timeout http_502 http_503 non_idempotent;",
                "proxy_buffering off;",
                "proxy_set_header X-Forwarded-For $remote_addr;",
                "proxy_set_header X-Forwarded-Proto $scheme;",
                "proxy_set_header X-Forwarded-Host $http_host;");
        // appending ($proxy_add_x_forwarded_for) would pass on whatever the client claims
        assertThat(bearer).doesNotContain("$proxy_add_x_forwarded_for");
        assertThat(upstreamServers(Files.readString(CONFIG), "liberator_gateways")).containsOnlyKeys("gateway-1", "gateway-2");
    }

    @Test
    void onlyThePagesRoutesGoToTheTokenServiceAndOverTlsOnly() throws IOException {
        String config = Files.readString(CONFIG);

        assertThat(location(config, "~ ^/(|login|logout|(assets|oauth|api/v1)/.*)$"))
                .contains("if ($scheme != \"https\")", "proxy_pass http://liberator_token_service;",
                        "proxy_set_header X-Forwarded-Proto $scheme;")
                .doesNotContain("$proxy_add_x_forwarded_for");
        assertThat(upstreamServers(config, "liberator_token_service")).containsOnlyKeys("token-service");
        // whatever else: nginx's own 404, proxied nowhere
        assertThat(location(config, "/")).contains("return 404").doesNotContain("proxy_pass");
        assertThat(config.split("proxy_pass ", -1)).as("proxy_pass count").hasSize(3);
    }

    @Test
    void tlsIsTerminatedWithTheCertificateFromTheTlsVolume() throws IOException {
        String config = Files.readString(CONFIG);

        assertThat(config).contains("listen 8080;", "listen 8443 ssl;", "listen 8088;",
                "return 308 https://$host:8443$request_uri;",
                "ssl_certificate /etc/nginx/tls/liberator.crt;", "ssl_certificate_key /etc/nginx/tls/liberator.key;",
                "ssl_protocols TLSv1.2 TLSv1.3;", "server_tokens off;");
    }

    @Test
    void containerHealthcheckAsksNginxItselfOnALoopbackListener(@TempDir Path scratch) throws IOException {
        ComposeModel compose = ComposeModel.load(scratch);
        List<String> healthcheck = ComposeModel.strings(ComposeModel.map(compose.service("nginx").get("healthcheck")).get("test"));

        assertThat(healthcheck).contains("http://127.0.0.1:8081/nginx-health");
        assertThat(Files.readString(CONFIG)).contains("listen 127.0.0.1:8081;", "location = /nginx-health {");
        assertThat(compose.ports("nginx")).noneMatch(port -> port.endsWith(":8081"));
    }

    @Test
    void upstreamsAreTheComposeServicesOnThePortsTheyListenOn(@TempDir Path scratch) throws IOException {
        ComposeModel compose = ComposeModel.load(scratch);
        String config = Files.readString(CONFIG);
        Map<String, String> servers = new LinkedHashMap<>(upstreamServers(config, "liberator_gateways"));
        servers.putAll(upstreamServers(config, "liberator_token_service"));

        servers.forEach((host, port) -> {
            assertThat(compose.services()).containsKey(host);
            assertThat(compose.environment(host)).containsEntry("MICRONAUT_SERVER_PORT", port);
        });
    }

    /** host → port of the servers in {@code upstream name { … }}. */
    static Map<String, String> upstreamServers(String config, String name) {
        Matcher block = Pattern.compile("upstream\\s+" + name + "\\s*\\{([^}]*)}").matcher(config);
        assertThat(block.find()).as("upstream %s in nginx.conf", name).isTrue();
        Map<String, String> servers = new LinkedHashMap<>();
        Matcher server = NginxRendering.UPSTREAM_SERVER.matcher(block.group(1));
        while (server.find()) {
            servers.put(server.group(2), server.group(3));
        }
        return servers;
    }

    /** The body of {@code location path { … }}, nested blocks (an {@code if}, a JSON body) included. */
    private static String location(String config, String path) {
        Matcher start = Pattern.compile("location\\s+" + Pattern.quote(path) + "\\s*\\{").matcher(config);
        assertThat(start.find()).as("location %s in nginx.conf", path).isTrue();
        int depth = 1;
        int at = start.end();
        while (depth > 0) {
            assertThat(at).as("end of location %s", path).isLessThan(config.length());
            char c = config.charAt(at++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return config.substring(start.end(), at - 1);
    }
}
