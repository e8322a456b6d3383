package com.cloudquant.liberator.audit.source;

import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogEnds;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogHaltedException;
import com.cloudquant.liberator.tokenlog.TokenLogSettings;
import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The token topic read the way every service reads it, through token-log's
 * {@link CommittedRecords} (its only partition, committed records only, no consumer group,
 * nothing committed, {@code --client-config} passed through), from the first record still in
 * the log up to the committed end seen at start. Before reading, checks that the topic exists
 * and has exactly one partition, so a wrong {@code --topic} is named as such.
 */
public final class KafkaRecordBatches implements RecordBatches {

    private static final String CHECK_SETTINGS =
            "; check --bootstrap-servers, and --client-config for TLS/SASL settings";

    private final CommittedRecords records;
    private final TokenLogSettings settings;

    private KafkaRecordBatches(CommittedRecords records, TokenLogSettings settings) {
        this.records = records;
        this.settings = settings;
    }

    /** Connects, checks the topic has exactly one partition and fixes the end offset. */
    public static KafkaRecordBatches open(TokenLogSettings settings) {
        long logStart = checkTopicAndFindItsStart(settings);
        try {
            return new KafkaRecordBatches(CommittedRecords.open(settings, logStart), settings);
        } catch (KafkaException | TokenLogUnavailableException e) {
            throw unreadable(settings, e, "");
        }
    }

    /**
     * Checks the topic can be the token log and returns its first offset: 0 unless records were
     * deleted, in which case the replay starts there and the verifier reports the missing start.
     */
    private static long checkTopicAndFindItsStart(TokenLogSettings settings) {
        Admin admin;
        try {
            admin = Admin.create(settings.adminProperties());
        } catch (KafkaException e) {
            throw unreadable(settings, e, "");
        }
        try {
            requireExactlyOnePartition(admin, settings);
            return new LogEnds(admin, settings.topic(), settings.timeout()).logStart();
        } catch (KafkaException | TokenLogUnavailableException e) {
            throw unreadable(settings, e, "");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static void requireExactlyOnePartition(Admin admin, TokenLogSettings settings) {
        String topic = settings.topic();
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), settings).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new LogUnreadableException("topic " + topic + " does not exist on " + settings.bootstrapServers()
                        + "; check --topic (existing: " + existingTopics(admin, settings) + ")");
            }
            throw unreadable(settings, e.getCause(), "");
        }
        int partitions = description.partitions().size();
        if (partitions != 1) {
            throw new LogUnreadableException("topic " + topic + " has " + partitions
                    + " partitions; the token log has exactly one (a total order), so this is not it: check --topic");
        }
    }

    private static String existingTopics(Admin admin, TokenLogSettings settings) {
        try {
            return new TreeSet<>(await(admin.listTopics().names(), settings)).toString();
        } catch (ExecutionException | RuntimeException e) {
            return "cannot be listed";
        }
    }

    private static <T> T await(KafkaFuture<T> future, TokenLogSettings settings) throws ExecutionException {
        try {
            // the admin client gives up after the timeout itself; this only bounds a client that does not
            return future.get(settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreadable(settings, new TimeoutException("Kafka did not answer"), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnreadableException("interrupted while looking up topic " + settings.topic(), e);
        }
    }

    @Override
    public long endOffset() {
        return records.end();
    }

    @Override
    public List<LogRecord> next() {
        try {
            return records.next();
        } catch (TokenLogUnavailableException | KafkaException e) {
            throw unreadable(settings, e, ", or raise --timeout");
        } catch (TokenLogHaltedException e) {
            throw new LogUnreadableException("topic " + settings.topic() + " lost records while it was read ("
                    + e.halt().detail() + "): records were deleted, or the topic truncated or recreated; audit it"
                    + " again, and restore it from a verified copy if records are missing", e);
        }
    }

    private static LogUnreadableException unreadable(TokenLogSettings settings, Throwable e, String moreAdvice) {
        if (hasCause(e, ConfigException.class)) {
            return new LogUnreadableException("the Kafka client settings are not valid: " + detail(e)
                    + "; check --bootstrap-servers, and the properties in --client-config", e);
        }
        boolean timedOut = hasCause(e, org.apache.kafka.common.errors.TimeoutException.class)
                || hasCause(e, TimeoutException.class);
        return new LogUnreadableException("cannot read topic " + settings.topic() + " from Kafka at "
                + settings.bootstrapServers() + (timedOut ? " within " + settings.timeout() : "") + ": " + detail(e)
                + CHECK_SETTINGS + moreAdvice, e);
    }

    /** Kafka's own words, causes included; token-log's advice names the services' settings, not this tool's flags. */
    private static String detail(Throwable e) {
        Throwable top = e instanceof TokenLogUnavailableException && e.getCause() instanceof KafkaException
                ? e.getCause() : e;
        StringBuilder text = new StringBuilder(top.getMessage() == null ? top.toString() : top.getMessage());
        Throwable cause = top.getCause();
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (int depth = 0; e != null && depth < 8; depth++, e = e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        records.close();
    }
}
