package com.cloudquant.liberator.tokenservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/** The index folds with token-log's rules: Axon only ever sees events that change a token. */
class TokenIndexTest {

    private final AuditChain chain = new AuditChain(new EventSigner(Ed25519Keys.generate()));
    private final TokenIndex index = new TokenIndex();
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

    private List<Object> payloadsOf(String tokenId) {
        return index.eventsOf(tokenId).stream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private List<Object> tracked() {
        return index.after(0).map(TrackedEventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void anIssueAndItsRevocationAreAggregateEventsInOrder() {
        assertThat(add(issued("a", "grafana-prod"))).isInstanceOf(TokenFold.Issue.class);
        assertThat(add(revoked("a"))).isInstanceOf(TokenFold.Revoke.class);

        assertThat(payloadsOf("a")).containsExactly(issued("a", "grafana-prod"), revoked("a"));
        assertThat(index.eventsOf("a")).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(tracked()).containsExactly(issued("a", "grafana-prod"), revoked("a"));
    }

    @Test
    void aSecondIssueOfAnIdIsIgnoredAndTheFirstWins() {
        add(issued("a", "grafana-prod"));

        assertThat(add(issued("a", "someone-else"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(payloadsOf("a")).containsExactly(issued("a", "grafana-prod"));
        assertThat(tracked()).hasSize(1);
    }

    @Test
    void anIssueAfterRevocationIsIgnoredButTakesItsChainPosition() {
        add(issued("a", "grafana-prod"));
        add(revoked("a"));

        assertThat(add(issued("a", "grafana-prod"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(payloadsOf("a")).containsExactly(issued("a", "grafana-prod"), revoked("a"));
        assertThat(tracked()).hasSize(2);
        assertThat(index.head()).isEqualTo(head);
        assertThat(index.offsetOfSeq(3)).isEqualTo(2);
        assertThat(index.nextOffset()).isEqualTo(3);
    }

    @Test
    void aSecondRevocationIsIgnored() {
        add(issued("a", "grafana-prod"));
        add(revoked("a"));

        assertThat(add(revoked("a"))).isInstanceOf(TokenFold.Ignore.class);

        assertThat(payloadsOf("a")).hasSize(2);
    }

    @Test
    void aRevocationOfAnUnknownIdIsRememberedButNotGivenToAxon() {
        TokenFold.Change change = add(revoked("ghost"));

        assertThat(change).isEqualTo(new TokenFold.Revoke(revoked("ghost"), false));
        assertThat(payloadsOf("ghost")).isEmpty();
        assertThat(tracked()).isEmpty();
        assertThat(index.head()).isEqualTo(head);

        // revocation is final, even before the issue: the id never becomes valid
        assertThat(add(issued("ghost", "grafana-prod"))).isInstanceOf(TokenFold.Ignore.class);
        assertThat(payloadsOf("ghost")).isEmpty();
        assertThat(tracked()).isEmpty();
    }
}
