package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Every token's life, rebuilt from verified events in log order. */
public final class TokenLedger implements ReplayListener {

    private static final Comparator<TokenLife> BY_CONSUMER_THEN_ISSUE =
            Comparator.comparing(TokenLife::consumer).thenComparing(TokenLife::issuedAt)
                    .thenComparing(TokenLife::tokenId);

    private final Map<String, TokenLife> byId = new LinkedHashMap<>();
    private long revocationsOfUnknownTokens;

    @Override
    public void verified(DecodedRecord record) {
        if (record instanceof DecodedRecord.KnownEvent known) {
            apply(known.event());
        }
    }

    void apply(TokenEvent event) {
        if (event instanceof TokenIssued issued) {
            // The first issue of an id wins: a writer never reuses one, so a second is an anomaly, not an update.
            byId.putIfAbsent(issued.tokenId(), TokenLife.issued(issued));
        } else {
            TokenRevoked revoked = (TokenRevoked) event;
            TokenLife life = byId.get(revoked.tokenId());
            if (life == null) {
                revocationsOfUnknownTokens++;
            } else if (!life.isRevoked()) {
                byId.put(life.tokenId(), life.revoked(revoked));
            }
        }
    }

    /** Tokens that authenticated at instant {@code t}, by consumer then issue time. */
    public List<TokenLife> validAt(Instant t) {
        return select(life -> life.validAt(t));
    }

    /** Tokens valid at any moment of {@code [from, to)}. */
    public List<TokenLife> validDuring(Instant from, Instant to) {
        return select(life -> life.validDuring(from, to));
    }

    /** Every token issued to {@code consumer}, in issue order. */
    public List<TokenLife> ofConsumer(String consumer) {
        return select(life -> life.consumer().equals(consumer));
    }

    public long issued() {
        return byId.size();
    }

    public long revoked() {
        return byId.values().stream().filter(TokenLife::isRevoked).count();
    }

    public long activeAt(Instant t) {
        return byId.values().stream().filter(life -> life.validAt(t)).count();
    }

    public long expiredAt(Instant t) {
        return byId.values().stream().filter(life -> life.expiredAt(t)).count();
    }

    /** Revocations naming a token the log never issued: worth a look, though the chain holds. */
    public long revocationsOfUnknownTokens() {
        return revocationsOfUnknownTokens;
    }

    private List<TokenLife> select(Predicate<TokenLife> filter) {
        return byId.values().stream().filter(filter).sorted(BY_CONSUMER_THEN_ISSUE).toList();
    }
}
