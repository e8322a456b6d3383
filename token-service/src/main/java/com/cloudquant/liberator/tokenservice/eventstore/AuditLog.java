package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.tokenlog.ChainCheck;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit view of the log: raw records for auditors, and a chain check of the whole topic.
 * Both read with token-log's {@link CommittedRecords}. The check is token-log's
 * {@link ChainCheck}: stricter than the service's own reading (it stops at the first record
 * that does not verify, skipped or not), one signature per run, and remembered: while the
 * committed log ends where it ended at the last check, that answer is given again without
 * reading a record; once it grew, only the records after the last check are read. A full
 * per-record signature check is the audit tool's job.
 */
@Singleton
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final byte[] NO_VALUE = new byte[0];

    private final TokenLogClients clients;
    private final KafkaEventStorageEngine engine;
    private final ChainCheck check;
    private final Clock clock;
    /** The last check and when it ran; guarded by {@code this}, which also keeps two checks from reading at once. */
    private ChainCheck.Checked lastChecked;
    private Instant checkedAt;

    public AuditLog(TokenLogClients clients, KafkaEventStorageEngine engine, EventSigner signer, Clock clock) {
        this.clients = clients;
        this.engine = engine;
        this.check = new ChainCheck(clients.logSettings(), signer.trustedKeys());
        this.clock = clock;
    }

    /**
     * The committed record values from chain position {@code fromSeq} on, as written, up to the
     * end of the committed log when this is called. Opens the read now, so Kafka being down
     * fails here. Close it.
     */
    public RecordValues from(long fromSeq) {
        return new RecordValues(clients.committedFrom(engine.offsetOfSeq(Math.max(1, fromSeq))), fromSeq);
    }

    /**
     * Checks every hash, link and sequence number of the committed log and one signature per
     * run; the last answer when nothing was committed since (asking Kafka only where the log ends).
     *
     * @throws com.cloudquant.liberator.tokenlog.TokenLogUnavailableException when Kafka does not answer
     */
    public synchronized Verified verify() {
        ChainCheck.Checked now = check.after(lastChecked == null ? check.nothingChecked() : lastChecked);
        if (lastChecked != null && now.endOffset() == lastChecked.endOffset() && now.recordsRead() == 0) {
            LOG.info("decision=audit-verify-cached end_offset={} head_seq={} intact={} checked_at={}",
                    now.endOffset(), now.head().seq(), now.intact(), checkedAt);
            return Verified.of(now, checkedAt, true);
        }
        lastChecked = now;
        checkedAt = clock.instant();
        LOG.info("decision=audit-verified records_read={} end_offset={} head_seq={} intact={}{}", now.recordsRead(),
                now.endOffset(), now.head().seq(), now.intact(),
                now.firstBreak().map(b -> " first_break_offset=" + b.offset() + " reason=" + b.reason()).orElse(""));
        return Verified.of(now, checkedAt, false);
    }

    /**
     * A chain check's answer.
     *
     * @param verifiedRecords records that verified before the first break (or all of them)
     * @param head            the last verified position
     * @param firstBreak      the first record that does not extend the chain, if any
     * @param checkedAt       when the check that found this ran
     * @param cached          true when nothing was committed since that check: its answer, nothing read
     * @param recordsRead     records this answer read from Kafka: only those committed since the last check
     */
    public record Verified(long verifiedRecords, ChainHead head, Optional<ChainBreak> firstBreak, Instant checkedAt,
                           boolean cached, long recordsRead) {

        static Verified of(ChainCheck.Checked checked, Instant checkedAt, boolean cached) {
            return new Verified(checked.verifiedRecords(), checked.head(), checked.firstBreak(), checkedAt, cached,
                    checked.recordsRead());
        }

        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    /** Record values, one poll batch in memory at a time, so a long log streams instead of piling up. */
    public static final class RecordValues implements AutoCloseable {

        private final CommittedRecords records;
        private final long fromSeq;
        private Iterator<LogRecord> batch = Collections.emptyIterator();

        private RecordValues(CommittedRecords records, long fromSeq) {
            this.records = records;
            this.fromSeq = fromSeq;
        }

        /** The next record value at or after {@code fromSeq} (empty for a record without one), or null at the end. */
        public byte[] next() {
            while (true) {
                while (batch.hasNext()) {
                    LogRecord record = batch.next();
                    if (atOrAfterFromSeq(record)) {
                        // a stray producer's tombstone has no bytes; null would end the stream early
                        return record.value() == null ? NO_VALUE : record.valueBytes();
                    }
                }
                List<LogRecord> more = records.next();
                if (more.isEmpty()) {
                    return null;
                }
                batch = more.iterator();
            }
        }

        private boolean atOrAfterFromSeq(LogRecord record) {
            // records that are not envelopes are shown wherever they are: an auditor wants them
            return record.decode().wellFormedEnvelope().map(envelope -> envelope.seq() >= fromSeq).orElse(true);
        }

        @Override
        public void close() {
            records.close();
        }
    }
}
