package com.cloudquant.liberator.audit.ledger;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.SigningKeyRotated;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verified events about one consumer's tokens, in log order, and every signing-key
 * rotation between them (it changes which key vouches for everything after it).
 */
public final class ConsumerHistory implements ReplayListener {

    private final String consumer;
    private final Map<String, String> hintByTokenId = new HashMap<>();
    /** Only scoped tokens: most have none. */
    private final Map<String, String> scopeByTokenId = new HashMap<>();
    /** Only tokens with limits of their own: most have the defaults. */
    private final Map<String, TokenLimits> limitsByTokenId = new HashMap<>();
    private final List<HistoryEntry> entries = new ArrayList<>();

    public ConsumerHistory(String consumer) {
        this.consumer = consumer;
    }

    @Override
    public void verified(DecodedRecord record) {
        if (record instanceof DecodedRecord.KnownEvent known) {
            add(known, known.event());
        } else if (record instanceof DecodedRecord.KeyRotation rotation) {
            String reason = rotation.rotation().reason().isEmpty() ? "" : "; reason: " + rotation.rotation().reason();
            entries.add(new HistoryEntry(rotation.offset(), rotation.envelope().seq(), rotation.rotation().rotatedAt(),
                    SigningKeyRotated.TYPE, "-", "-", rotation.rotation().rotatedBy(), "key " + rotation.rotation().newKeyId()
                    + " replaces " + rotation.envelope().keyId() + reason, null, TokenLimits.NONE));
        }
    }

    private void add(DecodedRecord.KnownEvent record, TokenEvent event) {
        long offset = record.offset();
        long seq = record.envelope().seq();
        if (event instanceof TokenIssued issued) {
            if (issued.consumer().equals(consumer)) {
                hintByTokenId.put(issued.tokenId(), issued.hint());
                String scope = issued.canonicalScope().orElse(null);
                if (scope != null) {
                    scopeByTokenId.put(issued.tokenId(), scope);
                }
                String expiry = issued.expiry().map(at -> "expires " + EventCodec.formatInstant(at)).orElse("");
                String detail = scope == null ? expiry : (expiry.isEmpty() ? "" : expiry + "; ") + "scope " + scope;
                if (!issued.limits().isNone()) {
                    limitsByTokenId.put(issued.tokenId(), issued.limits());
                    detail = (detail.isEmpty() ? "" : detail + "; ") + "limits " + issued.limits().summary();
                }
                entries.add(new HistoryEntry(offset, seq, issued.issuedAt(), issued.type(), issued.tokenId(),
                        issued.hint(), issued.issuedBy(), detail, scope, issued.limits()));
            }
        } else {
            TokenRevoked revoked = (TokenRevoked) event;
            String hint = hintByTokenId.get(revoked.tokenId());
            if (hint != null) {
                entries.add(new HistoryEntry(offset, seq, revoked.revokedAt(), revoked.type(), revoked.tokenId(),
                        hint, revoked.revokedBy(), revoked.reason(), scopeByTokenId.get(revoked.tokenId()),
                        limitsByTokenId.getOrDefault(revoked.tokenId(), TokenLimits.NONE)));
            }
        }
    }

    public String consumer() {
        return consumer;
    }

    public List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }
}
