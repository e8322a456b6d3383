package com.cloudquant.liberator.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The options the single-broker and the cluster builders share. */
final class QuorumOptions {

    private Path dataDirectory;
    private final Map<String, String> brokerProperties = new HashMap<>();
    private final List<ExtraListener> extraListeners = new ArrayList<>();
    private ScramAuthentication authentication;

    void dataDirectory(Path dataDirectory) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    void brokerProperty(String name, String value) {
        brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value " + name));
    }

    void extraListener(ExtraListener listener) {
        extraListeners.add(listener);
    }

    void scram(ScramUser admin, List<ScramUser> users) {
        this.authentication = new ScramAuthentication(admin, users);
    }

    /** @param brokerPorts one entry per node, 0 meaning "pick a free port at the first start" */
    QuorumLifecycle lifecycle(List<Integer> brokerPorts) {
        return new QuorumLifecycle(brokerPorts, Optional.ofNullable(dataDirectory), extraListeners,
                Optional.ofNullable(authentication), brokerProperties);
    }
}
