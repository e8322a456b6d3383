package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.tokenlog.ChainFollower;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's stricter view of unauthenticated records. Every reader skips a record nobody
 * trusted signed (token-log's {@link ChainFollower}); readers may, since such a record grants
 * nothing. The writer does not go on writing past one unseen: it means someone other than the
 * token-service wrote to the topic (or a record was altered), and every new event would be
 * chained over it. So an unauthenticated record refuses writes (reads go on) until an operator
 * has audited it and listed its offset in {@code liberator.kafka.skip-offsets}; a listed one is
 * logged with its offset and hash and passed over. A signed record that does not link is a halt
 * and is never skippable so; a listed offset that holds anything but an unauthenticated record
 * stops the start (see {@link #requireAllListedSeen}).
 */
final class AuditedSkips {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedSkips.class);

    private final Set<Long> listed;
    /** What each listed offset turned out to hold; absent while not read yet. */
    private final Map<Long, String> misListed = new TreeMap<>();
    private final Set<Long> seen = new TreeSet<>();
    /** Read by health while the replay adds to it. */
    private final List<ChainBreak> unaudited = new CopyOnWriteArrayList<>();

    AuditedSkips(Set<Long> listed) {
        this.listed = Set.copyOf(listed);
    }

    /** Reviews what the follower decided for {@code records}. */
    void review(List<DecodedRecord> records, ChainFollower.Step step) {
        if (listed.isEmpty() && step.skipped().isEmpty()) {
            return;
        }
        for (ChainBreak skipped : step.skipped()) {
            String hash = hashAt(records, skipped.offset());
            if (listed.contains(skipped.offset())) {
                seen.add(skipped.offset());
                LOG.warn("decision=skip-audited offset={} hash={} reason={} source=liberator.kafka.skip-offsets",
                        skipped.offset(), hash, skipped.reason());
            } else {
                unaudited.add(skipped);
                LOG.error("decision=writes-refused reason=unaudited-record offset={} hash={} record_reason={}"
                        + " fix=\"audit it, then list the offset in liberator.kafka.skip-offsets and restart\"",
                        skipped.offset(), hash, skipped.reason());
            }
        }
        for (DecodedRecord accepted : step.accepted()) {
            if (listed.contains(accepted.offset())) {
                misListed.put(accepted.offset(), "an authenticated record at chain position "
                        + accepted.wellFormedEnvelope().map(EventEnvelope::seq).orElse(-1L) + " that the chain needs");
            }
        }
        step.halt().filter(halt -> listed.contains(halt.offset())).ifPresent(halt -> misListed.put(halt.offset(),
                "a record signed with a trusted key that does not link (" + halt.detail() + "): that is a halt,"
                        + " never skipped; " + halt.fix()));
    }

    /** The first unauthenticated record nobody audited, if any: writes are refused while it is there. */
    Optional<ChainBreak> firstUnaudited() {
        return unaudited.isEmpty() ? Optional.empty() : Optional.of(unaudited.get(0));
    }

    List<Long> unauditedOffsets() {
        return unaudited.stream().map(ChainBreak::offset).toList();
    }

    /**
     * At the end of the start-up replay (up to {@code end}, or up to a halt): every listed offset
     * must have held an unauthenticated record. Anything else is a mistake in the list, and
     * skipping on a mistaken list is how a real record would get lost, so the start stops.
     */
    void requireAllListedSeen(long end, Optional<ChainHalt> halt) {
        List<String> problems = new ArrayList<>();
        misListed.forEach((offset, what) -> problems.add("offset " + offset + " holds " + what));
        for (long offset : new TreeSet<>(listed)) {
            if (!seen.contains(offset) && !misListed.containsKey(offset)) {
                if (halt.isPresent() && offset > halt.get().offset()) {
                    LOG.warn("decision=skip-offset-not-reached offset={} halt_offset={}", offset, halt.get().offset());
                } else if (offset >= end) {
                    problems.add("offset " + offset + " is not in the log yet (it ends at " + end + ")");
                } else {
                    problems.add("offset " + offset + " holds no record a committed read returns (a transaction"
                            + " marker or an aborted record)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("liberator.kafka.skip-offsets lists offsets that are not unauthenticated"
                    + " records, so the service does not start: " + String.join("; ", problems) + ". List only offsets"
                    + " that `liberator-audit verify` reports as MALFORMED, UNKNOWN_SCHEMA_VERSION, HASH_MISMATCH,"
                    + " UNKNOWN_KEY or BAD_SIGNATURE, after auditing them");
        }
    }

    private static String hashAt(List<DecodedRecord> records, long offset) {
        for (DecodedRecord record : records) {
            if (record.offset() == offset) {
                return record.wellFormedEnvelope().map(EventEnvelope::hash).orElse("\"no hash\"");
            }
        }
        return "\"no hash\"";
    }
}
