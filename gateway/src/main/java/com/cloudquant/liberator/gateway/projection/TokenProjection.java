package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.gateway.config.KafkaProperties;
import com.cloudquant.liberator.tokenlog.TailStatus;
import com.cloudquant.liberator.tokenlog.TokenLogTail;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's view of the token log: token-log's tailing reader feeding the registry, for
 * the life of the replica. Every replica reads the whole log itself (no consumer group).
 */
@Context
public final class TokenProjection {

    /** The name operators see in thread dumps and logs. */
    public static final String READER_THREAD = "token-topic-reader";

    private static final Logger LOG = LoggerFactory.getLogger(TokenProjection.class);

    private final TokenLogTail tail;
    private final ValidTokenRegistry registry;
    private final Clock clock;

    public TokenProjection(KafkaProperties kafka, TrustedKeys trustedKeys, TokenProjector projector,
                           ValidTokenRegistry registry, Clock clock) {
        this.tail = new TokenLogTail(kafka.toSettings(), trustedKeys, projector, READER_THREAD);
        this.registry = registry;
        this.clock = clock;
    }

    @PostConstruct
    public void start() {
        tail.start();
    }

    /** How current the projection is, and whether it can be trusted. */
    public TailStatus status() {
        return tail.status();
    }

    /**
     * Completes with true once the log as it stood now has been applied, false when it cannot
     * be (see {@link TokenLogTail#awaitLogAsOfNow()}); completes on the reader thread.
     */
    public CompletableFuture<Boolean> awaitLogAsOfNow() {
        return tail.awaitLogAsOfNow();
    }

    /** Expired tokens are refused at use anyway; dropping them keeps memory to the tokens that can still work. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void dropExpired() {
        int dropped = registry.dropExpired(clock.instant());
        if (dropped > 0) {
            LOG.info("event=expired_tokens_dropped count={} active={}", dropped, registry.size());
        }
    }

    @PreDestroy
    public void stop() {
        tail.close();
    }
}
