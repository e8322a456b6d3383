package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.tokenlog.TokenFold;
import com.cloudquant.liberator.tokenlog.TokenLogTail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified log records to the registry, in log order, through token-log's fold rules.
 * Verification and the break policy happen before (token-log's {@code ChainFollower}): what
 * arrives here extends the chain. Called by the log reader thread only.
 */
@Singleton
public final class TokenProjector implements TokenLogTail.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TokenProjector.class);

    private final ValidTokenRegistry registry;
    private final Counter chainErrors;
    private long applied;

    public TokenProjector(ValidTokenRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.chainErrors = Counter.builder("liberator.gateway.projection.chain.errors")
                .description("Log records not applied because their hash chain or signature did not verify")
                .register(meters);
    }

    @Override
    public void apply(List<DecodedRecord> accepted) {
        for (DecodedRecord record : accepted) {
            if (record instanceof DecodedRecord.KnownEvent known) {
                registry.apply(TokenFold.decide(known.offset(), known.event(), registry.standing(known.event().tokenId())));
                applied++;
            } else if (record instanceof DecodedRecord.UnknownEvent unknown) {
                LOG.warn("event=unknown_type offset={} type={} action=skipped", unknown.offset(),
                        Printable.line(unknown.envelope().type()));
            }
        }
    }

    @Override
    public void skipped(ChainBreak skipped) {
        chainErrors.increment();
    }

    /** Events applied so far. */
    public long applied() {
        return applied;
    }
}
