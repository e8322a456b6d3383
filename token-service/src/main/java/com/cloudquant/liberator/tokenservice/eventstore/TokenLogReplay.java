package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the index up to the end of the committed log, verifying what it adds. */
final class TokenLogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLogReplay.class);

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
        HeadSignedChainCheck verifier = new HeadSignedChainCheck(trustedKeys, index.head());
        List<DecodedRecord> pending = new ArrayList<>();
        long end = log.readHashed(index.nextOffset(), record -> {
            verifier.accept(record.decoded(), record.contentHash()).ifPresent(broken -> {
                throw new BrokenChainException(topic, broken);
            });
            pending.add(record.decoded());
        });
        verifier.finish().ifPresent(broken -> {
            throw new BrokenChainException(topic, broken);
        });
        // only a signed head makes these records trustworthy: index them after it verified
        pending.forEach(decoded -> apply(decoded, index));
        index.readUpTo(end);
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
