package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.process.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port the local stack listens on, all on 127.0.0.1. The documented defaults are
 * {@link LocalStackCommand}'s options, the ones {@code ./run.sh} starts the stack on.
 *
 * @param publicHttp       nginx, the public entry (UI, admin API, /metrics-api-bearer/)
 * @param publicHttps      nginx with a self-signed certificate
 * @param tokenService     token-service HTTP (API, page, sign-in), what nginx forwards to
 * @param tokenServiceManagement token-service management port (health, Prometheus metrics), never behind nginx
 * @param gateways         each gateway replica's public port
 * @param gatewayManagement each replica's management port (health, readiness, metrics)
 * @param prometheus       the upstream Prometheus
 * @param kafka            the embedded Kafka broker
 * @param nodeExporter     prometheus-node-exporter
 */
public record StackPorts(int publicHttp, int publicHttps, int tokenService, int tokenServiceManagement, List<Integer> gateways,
                         List<Integer> gatewayManagement, int prometheus, int kafka, int nodeExporter) {

    public StackPorts {
        gateways = List.copyOf(gateways);
        gatewayManagement = List.copyOf(gatewayManagement);
        if (gateways.size() != gatewayManagement.size()) {
            throw new LocalStackException("give one management port per gateway replica");
        }
    }

    /** Free ports picked by the OS, for tests that run beside anything else. */
    public static StackPorts ephemeral() {
        int[] p = free(11);
        return new StackPorts(p[0], p[1], p[2], p[10], List.of(p[3], p[4]), List.of(p[5], p[6]), p[7], p[8], p[9]);
    }

    /** Each port with the command-line option that changes it, in start order. */
    Map<String, Integer> byOption() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", kafka);
        ports.put("--token-service-port", tokenService);
        ports.put("--token-service-management-port", tokenServiceManagement);
        for (int i = 0; i < gateways.size(); i++) {
            ports.put("--gateway-ports (replica " + (i + 1) + ")", gateways.get(i));
            ports.put("--gateway-management-ports (replica " + (i + 1) + ")", gatewayManagement.get(i));
        }
        ports.put("--prometheus-port", prometheus);
        ports.put("--node-exporter-port", nodeExporter);
        ports.put("--http-port", publicHttp);
        ports.put("--https-port", publicHttps);
        return ports;
    }

    /** Fails with a message naming the first busy port and the option that moves it. */
    void requireAllFree() {
        byOption().forEach((option, port) -> {
            if (!isFree(port)) {
                throw new LocalStackException("port " + port + " is already in use on 127.0.0.1; stop whatever holds it"
                        + " or choose another with " + option);
            }
        });
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code count} different free ports (embedded-kafka's {@link FreePort#distinct}). */
    private static int[] free(int count) {
        try {
            return FreePort.distinct(count);
        } catch (UncheckedIOException e) {
            throw new LocalStackException("no free port on 127.0.0.1: " + e.getCause().getMessage());
        }
    }
}
