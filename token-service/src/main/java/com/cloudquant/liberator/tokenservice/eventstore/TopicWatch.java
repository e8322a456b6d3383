package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import com.cloudquant.liberator.tokenlog.TopicCheck;
import com.cloudquant.liberator.tokenlog.TopicIdentity;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the topic again every 30 s after the start-up check: its settings can be changed, and
 * it can be deleted and created again, while the service runs. What it finds makes
 * {@code /health} DOWN with the setting to fix (the same check as at start, token-log's).
 */
@Singleton
final class TopicWatch {

    private static final Logger LOG = LoggerFactory.getLogger(TopicWatch.class);

    private final Admin admin;
    private final TopicCheck check;
    private volatile List<String> problems = List.of();
    private final TopicIdentity identity;

    TopicWatch(TokenLogClients clients) {
        this.admin = clients.admin();
        this.check = new TopicCheck(admin, clients.settings().tokenLog());
        this.identity = new TopicIdentity(clients.settings().topic());
    }

    /** What is wrong with the topic now; empty when it can hold the log (or Kafka did not answer). */
    List<String> problems() {
        return problems;
    }

    @Scheduled(fixedDelay = "${liberator.kafka.topic-check-interval}", initialDelay = "1s")
    void check() {
        try {
            TopicCheck.Inspection inspection = check.inspect();
            List<String> found = new ArrayList<>(inspection.violations());
            identity.replacedAt(inspection.topicId(), -1)
                    .ifPresent(replaced -> found.add(replaced.meaning() + " (" + replaced.detail() + "): " + replaced.fix()));
            if (!found.equals(problems)) {
                found.forEach(problem -> LOG.error("decision=topic-unusable problem=\"{}\"", problem));
                problems = List.copyOf(found);
            }
        } catch (TokenLogUnavailableException e) {
            LOG.debug("decision=topic-check-skipped reason=\"{}\"", e.getMessage()); // health reports Kafka itself
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
