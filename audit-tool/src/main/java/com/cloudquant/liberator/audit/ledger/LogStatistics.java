package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counts over the verified records: events, skipped unknown types, time span, actors, signing-key rotations. */
public final class LogStatistics implements ReplayListener {

    /**
     * A verified {@code SigningKeyRotated}.
     *
     * @param seq          its chain position; {@code newKeyId} signs from {@code seq + 1}
     * @param retiredKeyId the key that signed it, valid up to {@code seq}
     * @param newKeyId     the key valid after it
     * @param actor        who rotated
     * @param at           when
     */
    public record Rotation(long seq, String retiredKeyId, String newKeyId, String actor, Instant at) {
    }

    private final List<Rotation> rotations = new ArrayList<>();

    private long events;
    private long unknownSkipped;
    private Instant first;
    private Instant last;
    /** Counted in a hash map (one look-up per event); sorted when read. */
    private final Map<String, Long> eventsByActor = new HashMap<>();

    @Override
    public void verified(DecodedRecord record) {
        record.wellFormedEnvelope().ifPresent(envelope -> {
            events++;
            if (first == null) {
                first = envelope.occurredAt();
            }
            last = envelope.occurredAt();
            eventsByActor.merge(envelope.actor(), 1L, Long::sum);
            if (record instanceof DecodedRecord.KeyRotation rotation) {
                rotations.add(new Rotation(envelope.seq(), envelope.keyId(), rotation.rotation().newKeyId(),
                        envelope.actor(), envelope.occurredAt()));
            }
            if (record instanceof DecodedRecord.UnknownEvent) {
                unknownSkipped++;
            }
        });
    }

    public long events() {
        return events;
    }

    public long unknownSkipped() {
        return unknownSkipped;
    }

    /** Null for an empty log. */
    public Instant firstEventAt() {
        return first;
    }

    /** Null for an empty log. */
    public Instant lastEventAt() {
        return last;
    }

    /** Events per actor, sorted by name. */
    public SortedMap<String, Long> eventsByActor() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(eventsByActor));
    }

    /** The signing-key rotations, in log order. */
    public List<Rotation> rotations() {
        return List.copyOf(rotations);
    }
}
