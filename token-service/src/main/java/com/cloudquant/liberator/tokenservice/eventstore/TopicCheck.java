package com.cloudquant.liberator.tokenservice.eventstore;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Refuses to start on a topic that cannot be the audit log. */
public final class TopicCheck {

    private TopicCheck() {
    }

    public static void requireUsable(TokenLogClients clients) {
        String topic = clients.settings().topic();
        try (Admin admin = clients.admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("topic " + topic + " has " + description.partitions().size()
                        + " partitions; the audit log needs exactly 1 for a total order: recreate it with one partition");
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " (liberator.kafka.topic) does not exist in Kafka at "
                        + clients.settings().bootstrapServers() + ": create it with 1 partition, retention.ms=-1,"
                        + " cleanup.policy=delete", e);
            }
            throw new TokenLogUnavailableException("cannot describe topic " + topic + " at "
                    + clients.settings().bootstrapServers() + " within " + clients.settings().timeout()
                    + " (liberator.kafka.bootstrap-servers): start Kafka or fix the address", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic " + topic, e);
        }
    }
}
