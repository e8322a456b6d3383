package com.cloudquant.liberator.tokenservice.query;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The listing read model, built by a tracking processor from the same log the aggregates
 * come from. Holds no secret and no hash: only what {@link TokenView} shows.
 */
@ProcessingGroup(TokenDirectory.PROCESSING_GROUP)
public final class TokenDirectory {

    public static final String PROCESSING_GROUP = "token-directory";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final DirectoryListener listener;

    public TokenDirectory(Clock clock, DirectoryListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    @EventHandler
    void on(TokenIssued event) {
        changed(() -> entries.put(event.tokenId(), new Entry(event, null)));
        listener.issued();
    }

    @EventHandler
    void on(TokenRevoked event) {
        changed(() -> entries.computeIfPresent(event.tokenId(),
                (id, entry) -> entry.revoked() == null ? new Entry(entry.issued(), event) : entry));
        listener.revoked();
    }

    private synchronized void changed(Runnable change) {
        change.run();
        notifyAll();
    }

    /**
     * Waits until the directory shows what a just-committed command did, so a caller reads its
     * own write. The processor runs on its own thread, usually milliseconds behind.
     */
    public synchronized boolean awaitUntil(Predicate<TokenDirectory> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public Optional<TokenView> find(String tokenId) {
        Entry entry = entries.get(tokenId);
        return entry == null ? Optional.empty() : Optional.of(entry.view(clock.instant()));
    }

    /** Newest first; {@code consumer} and {@code status} filter when not null. */
    public List<TokenView> list(String consumer, TokenStatus status) {
        Instant now = clock.instant();
        return entries.values().stream()
                .filter(entry -> consumer == null || entry.issued().consumer().equals(consumer))
                .map(entry -> entry.view(now))
                .filter(view -> status == null || view.status() == status)
                .sorted(Comparator.comparing(TokenView::issuedAt).reversed().thenComparing(TokenView::id))
                .toList();
    }

    public long activeCount(String consumer) {
        return list(consumer, TokenStatus.active).size();
    }

    public long activeCount() {
        Instant now = clock.instant();
        return entries.values().stream().filter(entry -> entry.view(now).status() == TokenStatus.active).count();
    }

    private record Entry(TokenIssued issued, TokenRevoked revoked) {
        TokenView view(Instant now) {
            TokenStatus status = revoked != null ? TokenStatus.revoked
                    : issued.isExpiredAt(now) ? TokenStatus.expired : TokenStatus.active;
            return new TokenView(issued.tokenId(), issued.consumer(), issued.hint(), status, issued.issuedBy(),
                    issued.issuedAt(), issued.expiresAt(),
                    revoked == null ? null : revoked.revokedBy(), revoked == null ? null : revoked.revokedAt());
        }
    }
}
