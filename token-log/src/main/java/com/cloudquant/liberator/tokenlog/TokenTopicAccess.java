package com.cloudquant.liberator.tokenlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the token topic: the one set of Kafka ACLs every topology creates (the
 * local stack, the compose topic job, the tests). Least privilege per principal:
 * <ul>
 *   <li>the writer (the token-service) reads, writes and describes the topic and its configs,
 *       and uses its own {@code transactional.id}, plus the consumer group of the same name,
 *       which its writer probe commits an offset for inside a transaction;</li>
 *   <li>each follower (the gateways) reads and describes the topic and its configs (token-log's
 *       topic check reads {@code min.insync.replicas} and friends) and nothing else: no group,
 *       no transaction, no write;</li>
 *   <li>each auditor (the audit tool) reads and describes the topic: it checks the partition
 *       count and the log's start, never the configs;</li>
 *   <li>nobody but the cluster's super user (the admin) may create, alter or delete the topic
 *       or change ACLs: no principal here is granted those.</li>
 * </ul>
 * Idempotent writes need no cluster-wide {@code IdempotentWrite}: Kafka allows them to a
 * principal that may write the topic or use the transactional id.
 *
 * @param topic     the token topic
 * @param writer    the token-service's principal, e.g. {@code User:liberator-token-service}
 * @param followers principals that follow the log and check the topic, e.g. the gateways'
 * @param auditors  principals that only read the log, e.g. the audit tool's
 */
public record TokenTopicAccess(String topic, String writer, List<String> followers, List<String> auditors) {

    /** Every writer's {@code transactional.id} starts so; the topic name follows. */
    private static final String WRITER_TRANSACTIONAL_ID_PREFIX = "liberator-token-service.";

    private static final List<AclOperation> WRITER_TOPIC_OPERATIONS = List.of(
            AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    private static final List<AclOperation> FOLLOWER_TOPIC_OPERATIONS = List.of(
            AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    private static final List<AclOperation> AUDITOR_TOPIC_OPERATIONS = List.of(AclOperation.READ, AclOperation.DESCRIBE);

    public TokenTopicAccess {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writer, "writer");
        followers = List.copyOf(followers);
        auditors = List.copyOf(auditors);
        if (followers.contains(writer) || auditors.contains(writer)) {
            throw new IllegalArgumentException(writer + " writes the token topic; it cannot also be listed as a reader");
        }
    }

    /**
     * The writer's {@code transactional.id} on {@code topic}: derived, never configured, so
     * every token-service instance on a topic claims the same id and the newest fences the
     * others (two ids would let two writers fork the chain).
     */
    public static String writerTransactionalId(String topic) {
        return WRITER_TRANSACTIONAL_ID_PREFIX + topic;
    }

    public String writerTransactionalId() {
        return writerTransactionalId(topic);
    }

    /** Every ACL, in a fixed order. */
    public List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        WRITER_TOPIC_OPERATIONS.forEach(operation -> bindings.add(allow(ResourceType.TOPIC, topic, writer, operation)));
        bindings.add(allow(ResourceType.TRANSACTIONAL_ID, writerTransactionalId(), writer, AclOperation.WRITE));
        bindings.add(allow(ResourceType.TRANSACTIONAL_ID, writerTransactionalId(), writer, AclOperation.DESCRIBE));
        // the writer probe's offset commit names the transactional.id as its group
        bindings.add(allow(ResourceType.GROUP, writerTransactionalId(), writer, AclOperation.READ));
        for (String follower : followers) {
            FOLLOWER_TOPIC_OPERATIONS.forEach(operation -> bindings.add(allow(ResourceType.TOPIC, topic, follower, operation)));
        }
        for (String auditor : auditors) {
            AUDITOR_TOPIC_OPERATIONS.forEach(operation -> bindings.add(allow(ResourceType.TOPIC, topic, auditor, operation)));
        }
        return bindings;
    }

    /**
     * Makes the ACLs on the topic, the writer's {@code transactional.id} and its group exactly
     * {@link #bindings()}, through an admin client signed in as a super user: the missing ones are
     * created and every other grant on those three names (one an earlier version of this set
     * made, one added by hand) is deleted, so running it again never leaves a principal more than
     * it should have. Returns the grants it deleted. Prefixed and wildcard ACLs are not touched.
     */
    public List<AclBinding> grant(Admin admin, Duration timeout) {
        try {
            List<AclBinding> wanted = bindings();
            admin.createAcls(wanted).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<AclBindingFilter> stale = new ArrayList<>();
            for (ResourcePattern resource : List.of(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new ResourcePattern(ResourceType.TRANSACTIONAL_ID, writerTransactionalId(), PatternType.LITERAL),
                    new ResourcePattern(ResourceType.GROUP, writerTransactionalId(), PatternType.LITERAL))) {
                for (AclBinding existing : admin.describeAcls(new AclBindingFilter(resource.toFilter(),
                        AccessControlEntryFilter.ANY)).values().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (!wanted.contains(existing)) {
                        stale.add(existing.toFilter());
                    }
                }
            }
            if (stale.isEmpty()) {
                return List.of();
            }
            List<AclBinding> deleted = new ArrayList<>();
            for (var result : admin.deleteAcls(stale).values().values()) {
                result.get(timeout.toMillis(), TimeUnit.MILLISECONDS).values().forEach(match -> deleted.add(match.binding()));
            }
            return deleted;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set the ACLs of topic " + topic + " (is the admin client a super user?): "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("ACLs of topic " + topic + " not set within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the ACLs of topic " + topic, e);
        }
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
