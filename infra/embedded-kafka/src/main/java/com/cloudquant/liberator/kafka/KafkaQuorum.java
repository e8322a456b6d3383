package com.cloudquant.liberator.kafka;

import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N combined broker+controller nodes that share one static controller quorum and one cluster id.
 * With more than one node a node's start-up blocks until a majority of controllers is up, so
 * the nodes are started in parallel.
 */
final class KafkaQuorum {

    private final List<KafkaNode> nodes;

    private KafkaQuorum(List<KafkaNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * @param brokerPorts one entry per node, 0 meaning "pick a free port"
     */
    static KafkaQuorum create(List<Integer> brokerPorts, DataDirectory data, List<ExtraListener> extraListeners,
                              Optional<ScramAuthentication> authentication, Map<String, String> overrides) {
        if (!extraListeners.isEmpty() && brokerPorts.size() > 1) {
            throw new IllegalArgumentException("an extra listener names one port, so it needs a single broker");
        }
        List<NodeAddress> addresses = IntStream.range(0, brokerPorts.size())
                .mapToObj(i -> NodeAddress.pick(i + 1, brokerPorts.get(i)))
                .toList();
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaNode> nodes = addresses.stream().map(address -> {
            Path logDir = addresses.size() == 1 ? data.path() : data.path().resolve("node-" + address.nodeId());
            List<String> scram = authentication.map(ScramAuthentication::formatterArguments).orElse(List.of());
            return new KafkaNode(address, new NodeStorage(logDir, scram), clusterId,
                    NodeSettings.forNode(address, addresses, logDir, extraListeners, authentication, overrides));
        }).toList();
        return new KafkaQuorum(nodes);
    }

    int size() {
        return nodes.size();
    }

    KafkaNode node(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("node ids are 1.." + nodes.size() + ", got " + nodeId);
        }
        return nodes.get(nodeId - 1);
    }

    String bootstrapServers() {
        return nodes.stream().map(node -> node.address().bootstrapServer()).collect(Collectors.joining(","));
    }

    void startAll() {
        try {
            inParallel(KafkaNode::start);
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    /**
     * Stops all nodes together: stopped one by one, the last brokers would wait for a controller
     * majority that is already gone to approve their controlled shutdown.
     */
    void stopAll() {
        inParallel(KafkaNode::stop);
    }

    private void inParallel(Consumer<KafkaNode> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(nodes.size(), runnable -> {
            Thread thread = new Thread(runnable, "embedded-kafka-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture.allOf(nodes.stream()
                    .map(node -> CompletableFuture.runAsync(() -> action.accept(node), executor))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            executor.shutdown();
        }
    }
}
