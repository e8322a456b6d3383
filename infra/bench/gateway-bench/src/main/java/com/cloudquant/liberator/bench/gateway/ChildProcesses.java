package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Starts Prometheus, nginx and gateway replicas as child processes on free ports; stops them all. */
final class ChildProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Deque<ChildProcess> started = new ArrayDeque<>();

    ChildProcesses(Path dir) {
        this.dir = dir;
    }

    /** Prometheus scraping itself every second; returns its port. */
    int prometheus() throws IOException {
        require("/usr/bin/prometheus", "prometheus");
        int port = FreePort.pick();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port));
        start(List.of("/usr/bin/prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), Map.of(), "prometheus",
                Readiness.http("http://127.0.0.1:" + port + "/api/v1/query?query=up", body -> body.contains("\"value\"")));
        return port;
    }

    /** nginx proxying /metrics-api-bearer/ to Prometheus for exactly one Bearer token (static map). */
    int nginx(int prometheusPort, String bearerToken) throws IOException {
        require("/usr/sbin/nginx", "nginx");
        int port = FreePort.pick();
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
        // listening is ready: without the token every path answers 401, from nginx itself
        start(List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c", config.toString()), Map.of(), "nginx",
                Readiness.tcpPort(port));
        return port;
    }

    /** The shipped gateway jar as its own JVM; returns {publicPort, pid}. */
    long[] gateway(Path jar, String heap, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: run 'mvn -B -ntp -pl gateway package -DskipTests' first");
        }
        int[] ports = FreePort.distinct(2); // a service refuses a management port equal to its public one
        int port = ports[0];
        int management = ports[1];
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
        ChildProcess process = start(command, all, "gateway-" + port,
                Readiness.http("http://127.0.0.1:" + management + "/health/readiness", body -> body.contains("UP")));
        return new long[] {port, process.pid()};
    }

    private ChildProcess start(List<String> command, Map<String, String> env, String name, Readiness readiness) {
        ChildProcess process = new ChildProcess(name, command, dir.resolve(name + ".log")).environment(env);
        started.push(process);
        return process.start().awaitReady(readiness, START_TIMEOUT);
    }

    private static void require(String binary, String debianPackage) {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " not found: apt-get install -y " + debianPackage);
        }
    }

    /** Stops them in reverse order: the gateways before the Prometheus they read. */
    @Override
    public void close() {
        started.forEach(ChildProcess::close);
    }
}
