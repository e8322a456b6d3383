package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The audit view of the log: raw records for auditors, and a fresh chain check of the whole
 * topic. Both read with token-log's {@link CommittedRecords}; the check is stricter than the
 * service's own reading: it stops at the first record that does not verify, skipped or not,
 * and checks every signature.
 */
@Singleton
public class AuditLog {

    private static final byte[] NO_VALUE = new byte[0];

    private final TokenLogClients clients;
    private final KafkaEventStorageEngine engine;
    private final TrustedKeys trustedKeys;

    public AuditLog(TokenLogClients clients, KafkaEventStorageEngine engine, EventSigner signer) {
        this.clients = clients;
        this.engine = engine;
        this.trustedKeys = signer.trustedKeys();
    }

    /**
     * The committed record values from chain position {@code fromSeq} on, as written, up to the
     * end of the committed log when this is called. Opens the read now, so Kafka being down
     * fails here. Close it.
     */
    public RecordValues from(long fromSeq) {
        return new RecordValues(clients.committedFrom(engine.offsetOfSeq(Math.max(1, fromSeq))), fromSeq);
    }

    /** Re-reads the topic from offset 0 and checks every hash, signature and sequence number. */
    public AuditChain.Verification verify() {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        long verified = 0;
        try (CommittedRecords records = clients.committedFrom(0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (DecodedRecord record : LogRecord.decodeAll(batch)) {
                    Optional<ChainBreak> broken = verifier.accept(record);
                    if (broken.isPresent()) {
                        return new AuditChain.Verification(verified, verifier.head(), broken);
                    }
                    verified++;
                }
            }
        }
        return new AuditChain.Verification(verified, verifier.head(), Optional.empty());
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
