package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * An audit check of the committed log that stops at the first record that does not extend the
 * chain, skipped or not, and that can go on from where an earlier check ended: the log only
 * grows, so what was verified stays verified and a later check reads only the records after it.
 * Verification is shared-events' {@link RunVerifier} (every hash and link, one Ed25519
 * signature per run, keys as the chain rotates them), reading is {@link CommittedRecords}.
 * A full per-record signature check is the audit tool's job. Thread-safe: it holds no state.
 *
 * <p>"The log only grows" is checked, not assumed: each check asks Kafka for the topic's id and
 * its first offset. A topic deleted and created again (a new id), or one whose first records were
 * deleted, is checked again from its first record, so an earlier "intact" never vouches for a log
 * someone replaced or trimmed, even to the same length; a trimmed log breaks at its first record
 * ({@code SEQ_GAP}: the events before it are missing).
 */
public final class ChainCheck {

    private final TokenLogSettings settings;
    private final TrustedKeys genesisKeys;

    /** Checks the topic of {@code settings} from the genesis {@code genesisKeys}. */
    public ChainCheck(TokenLogSettings settings, TrustedKeys genesisKeys) {
        this.settings = settings;
        this.genesisKeys = genesisKeys;
    }

    /** Where a check of the whole log starts: nothing read, nothing verified. */
    public Checked nothingChecked() {
        return new Checked(Uuid.ZERO_UUID, 0, ChainHead.GENESIS, genesisKeys, 0, Optional.empty(), 0);
    }

    /**
     * Checks the records committed after {@code previous} up to the committed end now. A break
     * is final (the log is append-only), so a broken {@code previous} comes back unread; a log
     * that ends before {@code previous} did was rewound or replaced, and is checked from the start.
     *
     * @throws TokenLogUnavailableException when Kafka does not answer
     */
    public Checked after(Checked previous) {
        Uuid topicId;
        long logStart;
        try (Admin admin = Admin.create(settings.adminProperties())) {
            topicId = new TopicCheck(admin, settings).topicId();
            logStart = new LogEnds(admin, settings.topic(), settings.timeout()).logStart();
        }
        boolean sameLog = topicId.equals(previous.topicId()) && logStart == 0;
        if (sameLog && previous.firstBreak().isPresent()) {
            return previous.unread();
        }
        Checked from = sameLog ? previous : nothingChecked();
        CommittedRecords records = CommittedRecords.open(settings, Math.max(from.endOffset(), logStart));
        boolean rewound;
        try {
            rewound = records.end() < from.endOffset();
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
        if (rewound) { // shorter than it was: read it all again
            records.close();
            return check(topicId, nothingChecked(), CommittedRecords.open(settings, logStart));
        }
        return check(topicId, from, records);
    }

    private Checked check(Uuid topicId, Checked from, CommittedRecords records) {
        try (records) {
            RunVerifier verifier = new RunVerifier(from.keysAtHead(), from.head());
            long verified = from.verifiedRecords();
            long read = 0;
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                read += batch.size();
                RunVerifier.Result result = verifier.verifyUntilFirstBreak(LogRecord.decodeAll(batch));
                verified += result.accepted().size();
                if (result.firstBreak().isPresent()) {
                    return new Checked(topicId, records.end(), verifier.head(), verifier.keys(), verified,
                            result.firstBreak(), read);
                }
            }
            return new Checked(topicId, records.end(), verifier.head(), verifier.keys(), verified, Optional.empty(), read);
        }
    }

    /**
     * What a check found.
     *
     * @param topicId         Kafka's id of the topic checked (a topic created again gets a new one)
     * @param endOffset       one past the last offset the check covers
     * @param head            the last verified position
     * @param keysAtHead      the signing keys as they stand at {@code head}
     * @param verifiedRecords records that verified before the first break (or all of them), since offset 0
     * @param firstBreak      the first record that does not extend the chain, if any
     * @param recordsRead     records this call read from Kafka (0 when nothing was committed since)
     */
    public record Checked(Uuid topicId, long endOffset, ChainHead head, TrustedKeys keysAtHead, long verifiedRecords,
                          Optional<ChainBreak> firstBreak, long recordsRead) {

        public boolean intact() {
            return firstBreak.isEmpty();
        }

        /** The same verdict, as an answer that read nothing. */
        public Checked unread() {
            return new Checked(topicId, endOffset, head, keysAtHead, verifiedRecords, firstBreak, 0);
        }
    }
}
