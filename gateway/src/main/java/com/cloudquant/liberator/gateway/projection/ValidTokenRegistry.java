package com.cloudquant.liberator.gateway.projection;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projection: SHA-256 hex of a token → the active token. Written by the single
 * topic reader thread, read by every request thread. Revocation is final: a later
 * {@code TokenIssued} for a revoked id is ignored.
 */
@Singleton
public final class ValidTokenRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ValidTokenRegistry.class);

    private final Map<String, ActiveToken> activeByHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();
    private final Set<String> revokedIds = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedHashes = ConcurrentHashMap.newKeySet();

    /** The active token whose SHA-256 hex is {@code tokenHash}, expired or not. */
    public Optional<ActiveToken> find(String tokenHash) {
        return Optional.ofNullable(activeByHash.get(tokenHash));
    }

    /** Whether {@code tokenHash} belonged to a token that was revoked (for the failure reason only). */
    public boolean wasRevoked(String tokenHash) {
        return revokedHashes.contains(tokenHash);
    }

    /** Number of active (issued, not revoked) tokens, expired ones included. */
    public int size() {
        return activeByHash.size();
    }

    /** Applies a verified issue. Only {@link TokenProjector} (and benchmarks) call this. */
    public void apply(TokenIssued issued) {
        if (revokedIds.contains(issued.tokenId())) {
            LOG.warn("event=issue_ignored token_id={} reason=already_revoked", issued.tokenId());
            return;
        }
        String previous = hashById.put(issued.tokenId(), issued.tokenHash());
        if (previous != null && !previous.equals(issued.tokenHash())) {
            activeByHash.remove(previous);
        }
        activeByHash.put(issued.tokenHash(),
                new ActiveToken(issued.tokenId(), issued.consumer(), issued.hint(), issued.expiresAt()));
    }

    /** Applies a verified revocation; final. */
    public void apply(TokenRevoked revoked) {
        revokedIds.add(revoked.tokenId());
        String hash = hashById.remove(revoked.tokenId());
        if (hash != null) {
            activeByHash.remove(hash);
            revokedHashes.add(hash);
        }
    }
}
