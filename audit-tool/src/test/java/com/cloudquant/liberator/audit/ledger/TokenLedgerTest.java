package com.cloudquant.liberator.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenLedgerTest {

    private static final String HASH = "a".repeat(64);

    private final TokenLedger ledger = new TokenLedger();
    private long offset;

    @BeforeEach
    void timeline() {
        apply(new TokenIssued("A", "grafana-prod", HASH, "cqm_aaaa…aaaa", at("2026-06-01T00:00:00Z"),
                "alice", at("2026-03-01T10:00:00Z")));
        apply(new TokenIssued("B", "grafana-prod", HASH, "cqm_bbbb…bbbb", null,
                "alice", at("2026-04-01T10:00:00Z")));
        apply(new TokenIssued("C", "federated-prometheus-eu", HASH, "cqm_cccc…cccc", null,
                "carol", at("2026-04-10T08:00:00Z")));
        apply(new TokenRevoked("B", "bob", at("2026-05-01T09:00:00Z"), "leaked"));
    }

    @Test
    void noTokenIsValidBeforeTheFirstIssue() {
        assertThat(ids(ledger.validAt(at("2026-02-28T00:00:00Z")))).isEmpty();
    }

    @Test
    void tokenIsValidFromTheInstantItWasIssued() {
        assertThat(ids(ledger.validAt(at("2026-03-01T10:00:00Z")))).containsExactly("A");
    }

    @Test
    void everyIssuedTokenIsValidBeforeAnyRevocationOrExpiry() {
        assertThat(ids(ledger.validAt(at("2026-04-20T00:00:00Z")))).containsExactly("C", "A", "B");
    }

    @Test
    void revokedTokenIsInvalidFromTheInstantOfRevocation() {
        assertThat(ids(ledger.validAt(at("2026-05-01T08:59:59.999Z")))).contains("B");
        assertThat(ids(ledger.validAt(at("2026-05-01T09:00:00Z")))).containsExactly("C", "A");
    }

    @Test
    void expiredTokenIsInvalidFromItsExpiryInstant() {
        assertThat(ids(ledger.validAt(at("2026-06-01T00:00:00Z")))).containsExactly("C");
    }

    /** The ledger keeps whole milliseconds; instants asked about can be finer, or absurdly far off. */
    @Test
    void instantsFinerThanAMillisecondOrOutOfRangeCompareExactly() {
        assertThat(ids(ledger.validAt(at("2026-05-01T08:59:59.999999999Z")))).contains("B");
        assertThat(ids(ledger.validAt(at("2026-03-01T09:59:59.999999Z")))).isEmpty();
        // a window ending a nanosecond after A's issue contains it; one ending exactly there does not
        assertThat(ids(ledger.validDuring(at("2026-01-01T00:00:00Z"), at("2026-03-01T10:00:00.000000001Z"))))
                .containsExactly("A");
        assertThat(ids(ledger.validDuring(at("2026-01-01T00:00:00Z"), at("2026-03-01T10:00:00Z")))).isEmpty();
        assertThat(ids(ledger.validAt(Instant.MAX))).containsExactly("C");
        assertThat(ids(ledger.validAt(Instant.MIN))).isEmpty();
        assertThat(ledger.countsAt(Instant.MAX).expired()).isEqualTo(1);
    }

    @Test
    void tokenRevokedDuringADayCountsAsValidThatDay() {
        assertThat(ids(ledger.validDuring(at("2026-05-01T00:00:00Z"), at("2026-05-02T00:00:00Z"))))
                .containsExactly("C", "A", "B");
        assertThat(ids(ledger.validDuring(at("2026-05-02T00:00:00Z"), at("2026-05-03T00:00:00Z"))))
                .containsExactly("C", "A");
    }

    @Test
    void countsSayWhatIsActiveAndExpiredAtAGivenTime() {
        Instant july = at("2026-07-01T00:00:00Z");
        // three issued: one revoked, one expired by July, one still valid
        assertThat(ledger.countsAt(july)).isEqualTo(new TokenLedger.Counts(3, 1, 1, 1));
    }

    @Test
    void revocationIsFinalAndTheFirstOneIsKept() {
        apply(new TokenRevoked("B", "mallory", at("2026-05-02T00:00:00Z"), "again"));

        assertThat(ofConsumer("grafana-prod")).filteredOn(t -> t.tokenId().equals("B"))
                .singleElement().extracting(TokenLife::revokedBy).isEqualTo("bob");
    }

    @Test
    void revocationOfATokenNeverIssuedIsCountedAsAnAnomaly() {
        apply(new TokenRevoked("Z", "bob", at("2026-05-02T00:00:00Z"), ""));

        assertThat(ledger.revocationsOfUnknownTokens()).isEqualTo(1);
    }

    @Test
    void aSecondIssueOfAnIssuedIdChangesNothing() {
        apply(new TokenIssued("A", "mallory-app", HASH, "cqm_mmmm…mmmm", null, "mallory",
                at("2026-04-15T00:00:00Z")));

        assertThat(ledger.issued()).isEqualTo(3);
        assertThat(ofConsumer("mallory-app")).isEmpty();
        assertThat(ids(ledger.validAt(at("2026-07-01T00:00:00Z")))).containsExactly("C");
    }

    @Test
    void aSecondIssueOfARevokedIdChangesNothing() {
        apply(new TokenIssued("B", "mallory-app", HASH, "cqm_mmmm…mmmm", null, "mallory",
                at("2026-05-02T00:00:00Z")));

        assertThat(ledger.issued()).isEqualTo(3);
        assertThat(ledger.countsAt(Instant.MAX).revoked()).isEqualTo(1);
        assertThat(ofConsumer("mallory-app")).isEmpty();
        assertThat(ids(ledger.validAt(at("2026-05-03T00:00:00Z")))).containsExactly("C", "A");
        TokenLife b = ofConsumer("grafana-prod").stream().filter(t -> t.tokenId().equals("B"))
                .findFirst().orElseThrow();
        assertThat(b.hint()).isEqualTo("cqm_bbbb…bbbb");
        assertThat(b.issuedBy()).isEqualTo("alice");
        assertThat(b.issuedAt()).isEqualTo(at("2026-04-01T10:00:00Z"));
        assertThat(b.isRevoked()).isTrue();
        assertThat(b.revokedBy()).isEqualTo("bob");
        assertThat(b.revokedAt()).isEqualTo(at("2026-05-01T09:00:00Z"));
    }

    @Test
    void anIssueAfterARevocationOfTheUnknownIdIsIgnored() {
        apply(new TokenRevoked("Z", "bob", at("2026-05-02T00:00:00Z"), "pre-emptive"));
        apply(new TokenIssued("Z", "grafana-prod", HASH, "cqm_zzzz…zzzz", null, "alice",
                at("2026-05-03T00:00:00Z")));

        assertThat(ledger.revocationsOfUnknownTokens()).isEqualTo(1);
        assertThat(ledger.issued()).isEqualTo(3);
        assertThat(ledger.countsAt(Instant.MAX).revoked()).isEqualTo(1);
        assertThat(ids(ofConsumer("grafana-prod"))).containsExactly("A", "B");
        assertThat(ids(ledger.validAt(at("2026-05-04T00:00:00Z")))).containsExactly("C", "A");
    }

    @Test
    void aRepeatedRevocationOfTheSameUnknownIdCountsOnce() {
        apply(new TokenRevoked("Z", "bob", at("2026-05-02T00:00:00Z"), ""));
        apply(new TokenRevoked("Z", "bob", at("2026-05-03T00:00:00Z"), "again"));

        assertThat(ledger.revocationsOfUnknownTokens()).isEqualTo(1);
    }

    /** Events in log order, at offsets 0, 1, 2, … */
    private void apply(TokenEvent event) {
        ledger.apply(offset++, event);
    }

    private static List<String> ids(List<TokenLife> tokens) {
        return tokens.stream().map(TokenLife::tokenId).toList();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** Every token issued to {@code consumer}, in issue order: those valid at some moment of all time. */
    private List<TokenLife> ofConsumer(String consumer) {
        return ledger.validDuring(Instant.MIN, Instant.MAX).stream().filter(t -> t.consumer().equals(consumer)).toList();
    }
}
