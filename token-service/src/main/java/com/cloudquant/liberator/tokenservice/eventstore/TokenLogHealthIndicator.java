package com.cloudquant.liberator.tokenservice.eventstore;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Kafka reachable, index loaded, still the writer (not fenced: see {@link WriterProbe}), log not
 * halted, no unaudited unauthenticated record, topic still fit
 * for the log ({@link TopicWatch}): DOWN when any is false. A halted log keeps its details here until an operator repairs it and restarts.
 */
@Singleton
final class TokenLogHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Duration PROBE = Duration.ofSeconds(2);

    private final KafkaEventStorageEngine engine;
    private final TopicWatch topic;
    private final Admin admin;

    TokenLogHealthIndicator(KafkaEventStorageEngine engine, TopicWatch topic, TokenLogClients clients) {
        this.engine = engine;
        this.topic = topic;
        this.admin = clients.admin();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        TokenLogStatus status = engine.status();
        if (status.signingKeyProblem() != null) {
            engine.recheckSigningKey();
            status = engine.status();
        }
        boolean reachable = kafkaReachable();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kafkaReachable", reachable);
        details.put("indexLoaded", status.indexLoaded());
        details.put("fenced", status.fenced());
        details.put("writerReady", status.writerReady());
        details.put("headSeq", status.head().seq());
        details.put("halted", status.halt() != null);
        List<String> topicProblems = topic.problems();
        if (!topicProblems.isEmpty()) {
            details.put("topicProblems", topicProblems);
        }
        if (status.halt() != null) {
            details.put("haltOffset", status.halt().offset());
            details.put("halt", status.halt().describe());
        }
        if (!status.unauditedOffsets().isEmpty()) {
            details.put("unauditedOffsets", status.unauditedOffsets());
        }
        if (status.signingKeyProblem() != null) {
            details.put("signingKey", status.signingKeyProblem());
        }
        if (status.fenced()) {
            details.put("action", "another instance owns the transactional.id: this one refuses writes and its lists"
                    + " may be stale; stop it");
        } else if (status.halt() != null) {
            details.put("action", "writes are refused, reads serve the log up to offset " + status.halt().offset()
                    + ": " + status.halt().fix());
        } else if (!status.unauditedOffsets().isEmpty()) {
            details.put("action", "writes are refused: audit the records at offsets " + status.unauditedOffsets()
                    + ", then list them in liberator.kafka.skip-offsets and restart (docs/operations.md)");
        } else if (status.signingKeyProblem() != null) {
            details.put("action", "writes are refused until the key file named in signingKey is in the key directory"
                    + " (no restart needed; docs/operations.md, \"Rotating the event-signing key\")");
        }
        healthStatus = reachable && status.indexLoaded() && !status.fenced() && status.halt() == null
                && status.unauditedOffsets().isEmpty() && status.signingKeyProblem() == null && topicProblems.isEmpty()
                ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    private boolean kafkaReachable() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE.toMillis()))
                    .clusterId().get(PROBE.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected String getName() {
        return "tokenLog";
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
