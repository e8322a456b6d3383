package com.cloudquant.liberator.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code main} of one broker of a {@link ForkedKafkaCluster}, run in its own JVM so that a
 * test can kill it with SIGKILL: no shutdown hook, no controlled shutdown, no flush. Argument:
 * the broker's properties file (its log directory already formatted by the parent). Prints
 * {@value #READY} once the broker is registered and unfenced. Exits by itself when its parent
 * goes away (its standard input closes), so a crashed test run leaves no broker behind.
 */
public final class ForkedBrokerMain {

    /** The line the parent waits for. */
    public static final String READY = "forked-kafka-broker ready";

    private ForkedBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ForkedBrokerMain <broker.properties>");
            System.exit(2);
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        Map<String, Object> props = new HashMap<>();
        file.stringPropertyNames().forEach(name -> props.put(name, file.getProperty(name)));
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        System.out.println(READY);
        System.out.flush();
        Thread orphanWatch = new Thread(() -> haltAtEndOf(System.in), "parent-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        server.awaitShutdown();
    }

    private static void haltAtEndOf(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the parent never writes; we only wait for the pipe to close
            }
        } catch (IOException ignored) {
            // a broken pipe means the same: the parent is gone
        }
        Runtime.getRuntime().halt(1);
    }
}
