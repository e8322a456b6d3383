package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.tokenlog.TokenFold;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every token's life, rebuilt from verified events in log order with the rules every reader
 * shares ({@link TokenFold}): the first issue of an id wins, revocation is final, and a
 * revocation of an id never issued is remembered, so a later issue of that id changes nothing.
 */
public final class TokenLedger implements ReplayListener {

    private static final Comparator<TokenLife> BY_CONSUMER_THEN_ISSUE =
            Comparator.comparing(TokenLife::consumer).thenComparingLong(TokenLife::issuedAtMillis)
                    .thenComparing(TokenLife::tokenId);

    private final Map<String, TokenLife> byId = new HashMap<>();
    /** One copy of each consumer name, actor and reason, however many tokens share it. */
    private final Map<String, String> names = new HashMap<>();
    private final UnaryOperator<String> shared = name -> name == null ? null : names.computeIfAbsent(name, n -> n);
    /** Ids the log revoked before (or without) issuing them: revoked for good, never listed. */
    private final Set<String> revokedUnissued = new HashSet<>();
    private long revocationsOfUnknownTokens;

    @Override
    public void verified(DecodedRecord record) {
        if (record instanceof DecodedRecord.KnownEvent known) {
            apply(record.offset(), known.event());
        }
    }

    void apply(long offset, TokenEvent event) {
        String id = event.tokenId();
        // one look-up per event: at a million events the map is larger than any CPU cache
        TokenLife life = byId.get(id);
        TokenFold.Change change = TokenFold.decide(offset, event, standing(id, life));
        // Java 17 has no pattern switch over the sealed type; an Ignore changes nothing
        if (change instanceof TokenFold.Issue issue) {
            byId.put(id, TokenLife.issued(issue.event(), shared));
        } else if (change instanceof TokenFold.Revoke revoke) {
            if (revoke.wasIssued()) {
                life.revoke(revoke.event(), shared);
            } else {
                revokedUnissued.add(id);
                revocationsOfUnknownTokens++;
            }
        }
    }

    private TokenFold.Standing standing(String id, TokenLife life) {
        if (life != null) {
            return life.isRevoked() ? TokenFold.Standing.REVOKED : TokenFold.Standing.ISSUED;
        }
        return revokedUnissued.contains(id) ? TokenFold.Standing.REVOKED : TokenFold.Standing.UNKNOWN;
    }

    /** Tokens that authenticated at instant {@code t}, by consumer then issue time. */
    public List<TokenLife> validAt(Instant t) {
        return select(life -> life.validAt(t));
    }

    /** Tokens valid at any moment of {@code [from, to)}. */
    public List<TokenLife> validDuring(Instant from, Instant to) {
        return select(life -> life.validDuring(from, to));
    }

    public long issued() {
        return byId.size();
    }

    /**
     * How many tokens were issued, revoked, valid and expired at {@code t}, counted in one pass:
     * at a million events every pass over the tokens is a walk through memory no cache holds.
     */
    public Counts countsAt(Instant t) {
        long revoked = 0;
        long active = 0;
        long expired = 0;
        for (TokenLife life : byId.values()) {
            if (life.isRevoked()) {
                revoked++;
            }
            if (life.validAt(t)) {
                active++;
            }
            if (life.expiredAt(t)) {
                expired++;
            }
        }
        return new Counts(byId.size(), revoked, active, expired);
    }

    /** The token counts {@code verify} reports, as of one instant. */
    public record Counts(long issued, long revoked, long active, long expired) {
    }

    /**
     * Ids the log revoked without having issued them: worth a look, though the chain holds.
     * Each such id counts once; a later issue of it is ignored.
     */
    public long revocationsOfUnknownTokens() {
        return revocationsOfUnknownTokens;
    }

    private List<TokenLife> select(Predicate<TokenLife> filter) {
        return byId.values().stream().filter(filter).sorted(BY_CONSUMER_THEN_ISSUE).toList();
    }
}
