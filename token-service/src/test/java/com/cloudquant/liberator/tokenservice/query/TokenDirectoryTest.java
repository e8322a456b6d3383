package com.cloudquant.liberator.tokenservice.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final TokenTable table = new TokenTable();
    private final TokenDirectory directory = new TokenDirectory(table, Clock.fixed(NOW, ZoneOffset.UTC));
    private long offset;

    private void issue(String id, String consumer, Instant expiresAt) {
        table.issued(new TokenIssued(id, consumer, "b".repeat(64), "cqm_1a2b…9f0e", expiresAt, "admin", NOW.minusSeconds(60)),
                offset++);
    }

    @Test
    void aTokenPastItsExpiryIsListedAsExpiredAndNoLongerCountsAsActive() {
        issue("old", "grafana-prod", NOW.minusSeconds(1));
        issue("new", "grafana-prod", NOW.plusSeconds(3600));

        assertThat(directory.find("old").orElseThrow().status()).isEqualTo(TokenStatus.expired);
        assertThat(directory.activeCount("grafana-prod")).isEqualTo(1);
        assertThat(directory.activeCount()).isEqualTo(1);
        assertThat(directory.list(null, TokenStatus.expired)).extracting(TokenView::id).containsExactly("old");
    }

    @Test
    void aRevokedTokenShowsItsRevocation() {
        issue("t", "grafana-prod", null);
        table.revoked(new TokenRevoked("t", "alice", NOW, "first"), offset++);

        TokenView view = directory.find("t").orElseThrow();
        assertThat(view.status()).isEqualTo(TokenStatus.revoked);
        assertThat(view.revokedBy()).isEqualTo("alice");
        assertThat(view.revokedAt()).isEqualTo(NOW);
        assertThat(view.hint()).isEqualTo("cqm_1a2b…9f0e");
        assertThat(directory.list(null, TokenStatus.active)).isEmpty();
    }

    @Test
    void listsFilterByConsumer() {
        issue("a", "grafana-prod", null);
        issue("b", "federated-prometheus-eu", null);

        assertThat(directory.list("grafana-prod", null)).extracting(TokenView::id).containsExactly("a");
        assertThat(directory.list("nobody", null)).isEmpty();
    }
}
