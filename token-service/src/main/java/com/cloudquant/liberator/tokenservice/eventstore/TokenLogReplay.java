package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the index up to the end of the committed log, verifying what it adds. */
final class TokenLogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogReplay.class);
    /** A catch-up batch is hashed on all cores; a write whose commit was not confirmed is a record or two. */
    private static final int PARALLEL_FROM = 256;

    private final CommittedLog log;
    private final TrustedKeys trustedKeys;
    private final String topic;

    TokenLogReplay(CommittedLog log, TrustedKeys trustedKeys, String topic) {
        this.log = log;
        this.trustedKeys = trustedKeys;
        this.topic = topic;
    }

    /**
     * Reads whatever was committed after the index's position: the whole log at start, or a
     * write whose commit could not be confirmed.
     *
     * @throws BrokenChainException naming the offset of the first record that does not verify
     */
    void into(TokenIndex index) {
        RunVerifier verifier = new RunVerifier(trustedKeys, index.head(), PARALLEL_FROM);
        List<DecodedRecord> pending = new ArrayList<>();
        long end = log.readBatches(index.nextOffset(), batch -> pending.addAll(verified(verifier, batch, topic)));
        // a log that does not verify leaves nothing behind: index only once all of it verified
        pending.forEach(decoded -> apply(decoded, index));
        index.readUpTo(end);
    }

    /**
     * {@code batch} once it verified as one run: every hash, seq, prevHash and key id, but only
     * the last record's signature, which vouches for all before it (checking 100,000 signatures
     * with the JDK takes minutes on a small machine). If that signature fails, the records are
     * re-checked one signature at a time up to the first break. {@code GET /api/v1/audit/verify}
     * still checks every signature.
     *
     * @throws BrokenChainException naming the first break as {@code ChainVerifier} reports it
     */
    static List<DecodedRecord> verified(RunVerifier verifier, List<DecodedRecord> batch, String topic) {
        RunVerifier.Result result = verifier.verifyUntilFirstBreak(batch);
        result.firstBreak().ifPresent(broken -> {
            throw new BrokenChainException(topic, broken);
        });
        return result.accepted();
    }

    private static void apply(DecodedRecord decoded, TokenIndex index) {
        if (decoded instanceof DecodedRecord.KnownEvent known) {
            index.add(known.envelope(), known.event(), known.offset());
        } else if (decoded instanceof DecodedRecord.UnknownEvent unknown) {
            LOG.warn("decision=skip-unknown-event offset={} type={} seq={}", unknown.offset(),
                    unknown.envelope().type(), unknown.envelope().seq());
            index.skip(unknown.envelope(), unknown.offset());
        }
    }
}
