package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The index folds with token-log's rules: the table (and so Axon) only ever records events that change a token. */
class TokenIndexTest {

    private final AuditChain chain = new AuditChain(new EventSigner(Ed25519Keys.generate()));
    private final TokenTable table = new TokenTable();
    private final TokenIndex index = new TokenIndex(table);
    private ChainHead head = ChainHead.GENESIS;
    private long offset;

    private static TokenIssued issued(String tokenId, String consumer) {
        return new TokenIssued(tokenId, consumer, "b".repeat(64), "cqm_0000…0000", null, "alice", Instant.EPOCH);
    }

    private static TokenRevoked revoked(String tokenId) {
        return new TokenRevoked(tokenId, "alice", Instant.EPOCH, "");
    }

    private TokenFold.Change add(TokenEvent event) {
        EventEnvelope envelope = chain.seal(head, event, "e" + offset);
        head = envelope.head();
        return index.add(envelope, event, offset++);
    }

    private TokenTable.Offsets offsetsOf(String tokenId) {
        return index.offsetsOf(tokenId).orElseThrow();
    }

    @Test
    void anIssueAndItsRevocationAreRecordedWithTheirOffsets() {
        assertThat(add(issued("a", "grafana-prod"))).isInstanceOf(TokenFold.Issue.class);
        assertThat(add(revoked("a"))).isInstanceOf(TokenFold.Revoke.class);

        assertThat(offsetsOf("a")).isEqualTo(new TokenTable.Offsets(0, 1));
        assertThat(index.aggregateEvents("a")).isEqualTo(2);
        assertThat(table.find("a")).hasValueSatisfying(row -> assertThat(row.revokedBy()).isEqualTo("alice"));
        assertThat(index.tokenCount()).isEqualTo(1);
    }

    @Test
    void aSecondIssueOfAnIdIsIgnoredAndTheFirstWins() {
        add(issued("a", "grafana-prod"));

        assertThat(add(issued("a", "someone-else"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(table.find("a").orElseThrow().consumer()).isEqualTo("grafana-prod");
        assertThat(offsetsOf("a")).isEqualTo(new TokenTable.Offsets(0, TokenTable.NO_OFFSET));
        assertThat(index.aggregateEvents("a")).isEqualTo(1);
    }

    @Test
    void anIssueAfterRevocationIsIgnoredButTakesItsChainPosition() {
        add(issued("a", "grafana-prod"));
        add(revoked("a"));

        assertThat(add(issued("a", "grafana-prod"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(offsetsOf("a")).isEqualTo(new TokenTable.Offsets(0, 1));
        assertThat(index.head()).isEqualTo(head);
        assertThat(index.offsetOfSeq(3)).isEqualTo(2);
        assertThat(index.seqAt(2)).isEqualTo(3);
        assertThat(index.nextOffset()).isEqualTo(3);
    }

    @Test
    void aSecondRevocationIsIgnored() {
        add(issued("a", "grafana-prod"));
        add(revoked("a"));

        assertThat(add(revoked("a"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(offsetsOf("a")).isEqualTo(new TokenTable.Offsets(0, 1));
        assertThat(index.aggregateEvents("a")).isEqualTo(2);
    }

    @Test
    void aRevocationOfAnUnknownIdIsRememberedButNotGivenToAxon() {
        TokenFold.Change change = add(revoked("ghost"));

        assertThat(change).isEqualTo(new TokenFold.Revoke(revoked("ghost"), false));
        assertThat(index.aggregateEvents("ghost")).isZero();
        assertThat(table.find("ghost")).isEmpty();
        assertThat(index.tokenCount()).isZero();
        assertThat(index.head()).isEqualTo(head);

        // revocation is final, even before the issue: the id never becomes valid
        assertThat(add(issued("ghost", "grafana-prod"))).isInstanceOf(TokenFold.Ignore.class);
        assertThat(index.aggregateEvents("ghost")).isZero();
        assertThat(table.find("ghost")).isEmpty();
        assertThat(offsetsOf("ghost")).isEqualTo(new TokenTable.Offsets(TokenTable.NO_OFFSET, 0));
    }

    @Test
    void chainPositionsMapToOffsetsAcrossTransactionMarkers() {
        // a transaction per record: each record is followed by its commit marker
        for (int i = 0; i < 3; i++) {
            TokenIssued event = issued("t" + i, "grafana-prod");
            EventEnvelope envelope = chain.seal(head, event, "e" + i);
            head = envelope.head();
            index.add(envelope, event, 2L * i);
        }
        index.readUpTo(6);

        assertThat(index.offsetOfSeq(0)).isEqualTo(0);
        assertThat(index.offsetOfSeq(1)).isEqualTo(0);
        assertThat(index.offsetOfSeq(2)).isEqualTo(2);
        assertThat(index.offsetOfSeq(3)).isEqualTo(4);
        assertThat(index.offsetOfSeq(4)).isEqualTo(6);
        assertThat(index.seqAt(4)).isEqualTo(3);
        assertThat(index.seqAt(3)).isEqualTo(-1);
        assertThat(index.seqAt(7)).isEqualTo(-1);
    }

    @Test
    void anEmptyIndexPointsEveryPositionAtTheReadPosition() {
        index.readUpTo(5);

        assertThat(index.offsetOfSeq(1)).isEqualTo(5);
        assertThat(index.seqAt(0)).isEqualTo(-1);
    }

    @Test
    void aPositionThatDoesNotFollowIsRefused() {
        add(issued("a", "grafana-prod"));
        TokenIssued event = issued("b", "grafana-prod");
        EventEnvelope skipped = chain.seal(new ChainHead(head.seq() + 1, head.hash()), event, "e-gap");

        assertThatThrownBy(() -> index.add(skipped, event, 5)).isInstanceOf(IllegalStateException.class);
        assertThat(table.find("b")).isEmpty();
        assertThat(index.head()).isEqualTo(head);
    }
}
