package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.ChildProcess;
import com.cloudquant.liberator.process.ChildProcessException;
import com.cloudquant.liberator.process.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One broker of a {@link ForkedKafkaCluster} as a child JVM on this JVM's class path. Its port,
 * log directory and properties never change, so a killed broker starts again as the same node
 * with whatever its disk held at the kill. Output goes to {@code broker-<id>.log} beside its data.
 */
final class BrokerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final NodeAddress address;
    private final ChildProcess process;

    BrokerProcess(NodeAddress address, NodeStorage storage, String clusterId, Map<String, Object> properties) {
        this.address = address;
        Path dir = storage.logDir().getParent();
        Path propertiesFile = dir.resolve("broker-" + address.nodeId() + ".properties");
        storage.formatIfNeeded(address.nodeId(), clusterId);
        Properties props = new Properties();
        properties.forEach((name, value) -> props.setProperty(name, String.valueOf(value)));
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            props.store(out, "broker " + address.nodeId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile, e);
        }
        this.process = new ChildProcess("kafka broker " + address.nodeId(), List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ForkedBrokerMain.class.getName(), propertiesFile.toString()),
                dir.resolve("broker-" + address.nodeId() + ".log"));
    }

    NodeAddress address() {
        return address;
    }

    synchronized boolean isAlive() {
        return process.isAlive();
    }

    /** Starts the JVM; returns once the broker says it is registered and unfenced. */
    synchronized void start() {
        if (isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            process.start().awaitReady(Readiness.logLine(ForkedBrokerMain.READY), START_TIMEOUT);
        } catch (ChildProcessException e) {
            throw new EmbeddedKafkaException(e.getMessage(), e);
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
        process.kill();
    }
}
