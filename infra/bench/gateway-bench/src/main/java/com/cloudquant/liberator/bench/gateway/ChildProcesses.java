package com.cloudquant.liberator.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Starts Prometheus, nginx and gateway replicas as child processes on free ports; stops them all. */
final class ChildProcesses implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ChildProcesses(Path dir) {
        this.dir = dir;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prometheus scraping itself every second; returns its port. */
    int prometheus() throws IOException {
        require("/usr/bin/prometheus", "prometheus");
        int port = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port));
        start(List.of("/usr/bin/prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), Map.of(), "prometheus");
        awaitHttp("http://127.0.0.1:" + port + "/api/v1/query?query=up", body -> body.contains("\"value\""));
        return port;
    }

    /** nginx proxying /metrics-api-bearer/ to Prometheus for exactly one Bearer token (static map). */
    int nginx(int prometheusPort, String bearerToken) throws IOException {
        require("/usr/sbin/nginx", "nginx");
        int port = freePort();
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Path config = Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 2;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  map_hash_bucket_size 128;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  map $http_authorization $authorized { default 0; "Bearer %2$s" 1; }
                  upstream prometheus { server 127.0.0.1:%3$d; keepalive 64; }
                  server {
                    listen 127.0.0.1:%4$d;
                    location /metrics-api-bearer/ {
                      if ($authorized = 0) { return 401; }
                      proxy_pass http://prometheus/;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Authorization "";
                    }
                  }
                }
                """.formatted(prefix, bearerToken, prometheusPort, port));
        start(List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c", config.toString()), Map.of(), "nginx");
        awaitHttp("http://127.0.0.1:" + port + "/metrics-api-bearer/api/v1/query?query=up", body -> true);
        return port;
    }

    /** The shipped gateway jar as its own JVM; returns {publicPort, pid}. */
    long[] gateway(Path jar, String heap, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: run 'mvn -B -ntp -pl gateway package -DskipTests' first");
        }
        int port = freePort();
        int management = freePort();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("GATEWAY_PORT", Integer.toString(port));
        all.put("MANAGEMENT_PORT", Integer.toString(management));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        String extra = System.getenv().getOrDefault("GATEWAY_JVM_ARGS", "").trim(); // e.g. "-XX:+UseSerialGC"
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = start(command, all, "gateway-" + port);
        awaitHttp("http://127.0.0.1:" + management + "/health/readiness", body -> body.contains("UP"));
        return new long[] {port, process.pid()};
    }

    private Process start(List<String> command, Map<String, String> env, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitHttp(String url, Predicate<String> ready) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException retry) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(url + " not ready within 60 s; see logs in " + dir);
    }

    private static void pause() {
        try {
            // polling a child process that has no readiness callback
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void require(String binary, String debianPackage) {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " not found: apt-get install -y " + debianPackage);
        }
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.destroy();
        }
        for (Process process : started) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
