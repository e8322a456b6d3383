package com.cloudquant.liberator.kafka;

import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log directory of one KRaft node. A KRaft server refuses to start on an unformatted
 * directory, so it is formatted on first use and left as it is afterwards (that is what lets a
 * restarted node, or a later run on the same explicit directory, find its data again).
 */
final class NodeStorage {

    private final Path logDir;
    private final List<String> scramArguments;

    NodeStorage(Path logDir) {
        this(logDir, List.of());
    }

    /** @param scramArguments SCRAM users written into the metadata at format time ({@code --add-scram}) */
    NodeStorage(Path logDir, List<String> scramArguments) {
        this.logDir = logDir;
        this.scramArguments = List.copyOf(scramArguments);
    }

    Path logDir() {
        return logDir;
    }

    boolean isFormatted() {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    void formatIfNeeded(int nodeId, String clusterId) {
        if (isFormatted()) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Formatter formatter = new Formatter()
                    // the formatter reports to stdout by default; nothing useful to a test run
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(NodeSettings.CONTROLLER_LISTENER);
            if (!scramArguments.isEmpty()) {
                formatter.setScramArguments(scramArguments);
            }
            formatter.run();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot create Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format Kafka log directory " + logDir
                    + " for node " + nodeId + "; delete it or give an empty directory", e);
        }
    }
}
