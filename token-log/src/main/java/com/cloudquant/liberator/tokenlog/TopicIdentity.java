package com.cloudquant.liberator.tokenlog;

import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * The topic's Kafka id, pinned the first time it is seen: a different id later means the topic
 * was deleted (and perhaps created again) under the same name, so what is read there is not the
 * log that was read before. Not thread-safe: one per reader.
 */
public final class TopicIdentity {

    private final String topic;
    private Uuid pinned;

    public TopicIdentity(String topic) {
        this.topic = topic;
    }

    /**
     * Compares {@code current} (as {@link TopicCheck} reports it) with the pinned id; a missing
     * topic ({@link Uuid#ZERO_UUID}) pins nothing and is the settings check's to report.
     *
     * @param position where the reader stands, for the halt
     * @return the halt when the topic was replaced
     */
    public Optional<ChainHalt> replacedAt(Uuid current, long position) {
        if (Uuid.ZERO_UUID.equals(current)) {
            return Optional.empty();
        }
        if (pinned == null) {
            pinned = current;
            return Optional.empty();
        }
        return pinned.equals(current) ? Optional.empty() : Optional.of(new ChainHalt(position,
                ChainHalt.Kind.TOPIC_REPLACED, "topic " + topic + " had id " + pinned + " and now has id " + current));
    }
}
