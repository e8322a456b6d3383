package com.cloudquant.liberator.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One broker of a {@link ForkedKafkaCluster} as a child JVM on this JVM's class path. Its port,
 * log directory and properties never change, so a killed broker starts again as the same node
 * with whatever its disk held at the kill. Output goes to {@code broker-<id>.log} beside its data.
 */
final class BrokerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final long START_TIMEOUT_MS = 90_000;

    private final NodeAddress address;
    private final Path propertiesFile;
    private final Path logFile;
    private Process process;

    BrokerProcess(NodeAddress address, NodeStorage storage, String clusterId, Map<String, Object> properties) {
        this.address = address;
        Path dir = storage.logDir().getParent();
        this.propertiesFile = dir.resolve("broker-" + address.nodeId() + ".properties");
        this.logFile = dir.resolve("broker-" + address.nodeId() + ".log");
        storage.formatIfNeeded(address.nodeId(), clusterId);
        Properties props = new Properties();
        properties.forEach((name, value) -> props.setProperty(name, String.valueOf(value)));
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            props.store(out, "broker " + address.nodeId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile, e);
        }
    }

    NodeAddress address() {
        return address;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM; returns once the broker says it is registered and unfenced. */
    synchronized void start() {
        if (isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            long logSizeBefore = Files.exists(logFile) ? Files.size(logFile) : 0;
            process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    ForkedBrokerMain.class.getName(), propertiesFile.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitReady(logSizeBefore);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot start broker " + address.nodeId() + ": " + e.getMessage(), e);
        }
        LOG.info("forked kafka broker started node={} pid={} bootstrap={} startupMs={}", address.nodeId(),
                process.pid(), address.bootstrapServer(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts every one that is not running, in parallel (each JVM start takes seconds). */
    static void startAll(List<BrokerProcess> brokers) {
        try {
            CompletableFuture.allOf(brokers.stream().map(broker -> CompletableFuture.runAsync(broker::start))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** SIGKILL: the broker gets no chance to flush, resign leadership or deregister. */
    synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("forked kafka broker killed node={} pid={} exitCode={}", address.nodeId(), process.pid(),
                process.isAlive() ? "still-alive" : process.exitValue());
    }

    private void awaitReady(long logOffset) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            String output = Files.readString(logFile, StandardCharsets.UTF_8);
            if (output.length() > logOffset && output.substring((int) logOffset).contains(ForkedBrokerMain.READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new EmbeddedKafkaException("broker " + address.nodeId() + " exited with code "
                        + process.exitValue() + " while starting; see " + logFile, null);
            }
            try {
                Thread.sleep(100); // polling interval of a readiness probe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("interrupted while starting broker " + address.nodeId(), e);
            }
        }
        kill();
        throw new EmbeddedKafkaException("broker " + address.nodeId() + " not ready within "
                + START_TIMEOUT_MS / 1000 + " s; see " + logFile, null);
    }
}
