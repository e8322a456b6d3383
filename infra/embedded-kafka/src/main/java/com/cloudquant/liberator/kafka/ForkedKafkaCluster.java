package com.cloudquant.liberator.kafka;

import org.apache.kafka.common.Uuid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka cluster whose brokers can be killed with SIGKILL: one controller-only node in this
 * JVM (the whole raft quorum, so it survives any broker's death) and {@code n} broker-only
 * nodes, each a child JVM ({@link ForkedBrokerMain}) on this JVM's class path. A killed broker
 * gets no controlled shutdown: its leaderships move only when the controller notices the missed
 * heartbeats, and whatever it had not replicated stays on its disk alone.
 *
 * <pre>{@code
 * try (ForkedKafkaCluster cluster = ForkedKafkaCluster.builder().brokers(3).build().start()) {
 *     new TokenTopic("tokens", (short) 3, 2).createIn(cluster);
 *     cluster.killBroker(2);   // kill -9
 *     cluster.startBroker(2);  // same port and disk; it catches up from the others
 * }
 * }</pre>
 *
 * Broker ids are {@code 1..n}. {@link #stop()} is not supported: the point is the crash.
 */
public final class ForkedKafkaCluster implements KafkaBroker {

    private final int brokerCount;
    private final Map<String, String> overrides;
    private DataDirectory data;
    private KafkaNode controller;
    private final List<BrokerProcess> brokers = new ArrayList<>();

    private ForkedKafkaCluster(int brokerCount, Map<String, String> overrides) {
        this.brokerCount = brokerCount;
        this.overrides = Map.copyOf(overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the controller, then every broker in parallel; returns once all are unfenced. */
    @Override
    public synchronized ForkedKafkaCluster start() {
        if (controller != null) {
            throw new IllegalStateException("a forked cluster starts once; use startBroker(id) after a kill");
        }
        data = DataDirectory.temporary();
        String clusterId = Uuid.randomUuid().toString();
        NodeAddress controllerAddress = NodeAddress.pick(SplitRoleSettings.CONTROLLER_ID, 0);
        NodeStorage controllerStorage = new NodeStorage(data.path().resolve("controller"));
        controller = new KafkaNode(controllerAddress, controllerStorage, clusterId,
                SplitRoleSettings.controller(controllerAddress, controllerStorage.logDir(), brokerCount, overrides));
        try {
            controller.start();
            for (int id = 1; id <= brokerCount; id++) {
                NodeAddress address = NodeAddress.pick(id, 0);
                NodeStorage storage = new NodeStorage(data.path().resolve("broker-" + id));
                brokers.add(new BrokerProcess(address, storage, clusterId,
                        SplitRoleSettings.broker(address, controllerAddress, storage.logDir(), brokerCount, overrides)));
            }
            startAllBrokers();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Every broker's address, comma-separated, fixed at start. */
    @Override
    public synchronized String bootstrapServers() {
        if (brokers.isEmpty()) {
            throw new IllegalStateException("the forked cluster has no address yet; call start() first");
        }
        return brokers.stream().map(b -> b.address().bootstrapServer()).collect(Collectors.joining(","));
    }

    /** Kills one broker's JVM with SIGKILL and waits for it to be gone. */
    public void killBroker(int brokerId) {
        broker(brokerId).kill();
    }

    /** Starts a killed broker again on its port and disk; returns once it is unfenced. */
    public void startBroker(int brokerId) {
        broker(brokerId).start();
    }

    /** Starts every broker that is not running, in parallel; returns once all are unfenced. */
    public void startAllBrokers() {
        List<BrokerProcess> all;
        synchronized (this) {
            all = List.copyOf(brokers);
        }
        BrokerProcess.startAll(all);
    }

    public boolean isBrokerAlive(int brokerId) {
        return broker(brokerId).isAlive();
    }

    private synchronized BrokerProcess broker(int brokerId) {
        if (brokerId < 1 || brokerId > brokers.size()) {
            throw new IllegalArgumentException("broker ids are 1.." + brokers.size() + ", got " + brokerId);
        }
        return brokers.get(brokerId - 1);
    }

    @Override
    public boolean supportsRestart() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("a forked cluster's brokers are killed one by one (killBroker)");
    }

    /** Kills every broker, stops the controller and deletes the data. */
    @Override
    public synchronized void close() {
        brokers.forEach(BrokerProcess::kill);
        if (controller != null) {
            controller.stop();
        }
        if (data != null) {
            data.release();
            data = null;
        }
    }

    /** Options of a {@link ForkedKafkaCluster}. */
    public static final class Builder {

        private int brokers = 3;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** How many broker processes; 3 by default. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("a cluster needs at least one broker, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Sets one property on the controller and every broker, overriding our defaults. */
        public Builder brokerProperty(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public ForkedKafkaCluster build() {
            return new ForkedKafkaCluster(brokers, overrides);
        }
    }
}
