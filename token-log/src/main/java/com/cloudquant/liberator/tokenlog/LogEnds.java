package com.cloudquant.liberator.tokenlog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the log begins and ends, from the broker. The high watermark is where the log really
 * ends; a {@code read_committed} reader only gets to the last stable offset, which any
 * producer with an open transaction holds back. A reader is current only once it reached the
 * high watermark, so an attacker's open transaction cannot hide a revocation behind it.
 */
public final class LogEnds {

    /**
     * How many look-ups in a row must find the high watermark below what was already read before a
     * reader halts: right after a leader change the new leader may answer low once.
     */
    public static final int REWIND_CONFIRMATIONS = 2;

    private final Admin admin;
    private final TopicPartition partition;
    private final Duration timeout;

    public LogEnds(Admin admin, String topic, Duration timeout) {
        this.admin = admin;
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
    }

    /** The high watermark, asynchronously (read_uncommitted "latest"). */
    public KafkaFuture<Long> highWatermarkAsync() {
        ListOffsetsResult result = admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED).timeoutMs(timeoutMs()));
        return result.partitionResult(partition).thenApply(ListOffsetsResult.ListOffsetsResultInfo::offset);
    }

    /** The high watermark. */
    public long highWatermark() {
        return await(highWatermarkAsync(), "high watermark");
    }

    /** The first offset still in the log (0 unless records were deleted). */
    public long logStart() {
        ListOffsetsResult result = admin.listOffsets(Map.of(partition, OffsetSpec.earliest()),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED).timeoutMs(timeoutMs()));
        return await(result.partitionResult(partition).thenApply(ListOffsetsResult.ListOffsetsResultInfo::offset),
                "log start offset");
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TokenLogUnavailableException("cannot look up the " + what + " of " + partition.topic()
                    + ": " + e.getCause() + "; " + TokenLogUnavailableException.whatToCheck(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new TokenLogUnavailableException("Kafka did not tell the " + what + " of " + partition.topic()
                    + " within " + timeout + "; check that Kafka is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenLogUnavailableException("interrupted while looking up the " + what, e);
        }
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
