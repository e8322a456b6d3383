package com.cloudquant.liberator.tokenservice.eventstore;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka reachable, index loaded, still the writer (not fenced): DOWN when any is false. */
@Singleton
final class TokenLogHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Duration PROBE = Duration.ofSeconds(2);

    private final KafkaEventStorageEngine engine;
    private final Admin admin;

    TokenLogHealthIndicator(KafkaEventStorageEngine engine, TokenLogClients clients) {
        this.engine = engine;
        this.admin = clients.admin();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        TokenLogStatus status = engine.status();
        boolean reachable = kafkaReachable();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kafkaReachable", reachable);
        details.put("indexLoaded", status.indexLoaded());
        details.put("fenced", status.fenced());
        details.put("writerReady", status.writerReady());
        details.put("headSeq", status.head().seq());
        if (status.fenced()) {
            details.put("action", "another instance owns the transactional.id: this one refuses writes; stop it");
        }
        healthStatus = reachable && status.indexLoaded() && !status.fenced() ? HealthStatus.UP : HealthStatus.DOWN;
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
