package com.cloudquant.liberator.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options that {@link EmbeddedKafka.Builder} and {@link EmbeddedKafkaCluster.Builder} share,
 * declared once; each builder adds its own (the port, the node count).
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class QuorumBuilder<B extends QuorumBuilder<B>> {

    private Path dataDirectory;
    private final Map<String, String> brokerProperties = new HashMap<>();
    private final List<ExtraListener> extraListeners = new ArrayList<>();
    private ScramAuthentication authentication;

    abstract B self();

    /**
     * Keeps the data in this directory (a cluster's nodes in {@code node-1}, ...; a single node
     * directly in it), formatted on first use and kept, not deleted, on close, so a later broker
     * on the same directory finds its topics again. By default a temporary directory is used and
     * deleted on close.
     */
    public B dataDirectory(Path dataDirectory) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        return self();
    }

    /**
     * Lets in only SASL/SCRAM-SHA-512 users and authorises every request with KRaft's
     * {@code StandardAuthorizer}: {@code admin} is the super user, every other user may do
     * only what ACLs grant it (none exist until the admin creates them). The users are written
     * into the metadata when the data directory is formatted, so on an existing directory
     * they are the ones it was first formatted with.
     */
    public B scram(ScramUser admin, List<ScramUser> users) {
        this.authentication = new ScramAuthentication(admin, users);
        return self();
    }

    /** Sets one broker property on every node, overriding our defaults (e.g. {@code log.retention.ms}). */
    public B brokerProperty(String name, String value) {
        brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value " + name));
        return self();
    }

    public B brokerProperties(Map<String, String> properties) {
        properties.forEach(this::brokerProperty);
        return self();
    }

    void extraListener(ExtraListener listener) {
        extraListeners.add(listener);
    }

    /** @param brokerPorts one entry per node, 0 meaning "pick a free port at the first start" */
    QuorumLifecycle lifecycle(List<Integer> brokerPorts) {
        return new QuorumLifecycle(brokerPorts, Optional.ofNullable(dataDirectory), extraListeners,
                Optional.ofNullable(authentication), brokerProperties);
    }
}
