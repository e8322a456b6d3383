package com.cloudquant.liberator.tokenservice.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.promql.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenTableTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String HINT = "cqm_1a2b…9f0e";

    private final AtomicInteger issuedCount = new AtomicInteger();
    private final AtomicInteger revokedCount = new AtomicInteger();
    private final TokenTable table = new TokenTable(new TokenTable.Listener() {
        @Override
        public void issued() {
            issuedCount.incrementAndGet();
        }

        @Override
        public void revoked() {
            revokedCount.incrementAndGet();
        }
    });
    private long offset;

    private static TokenIssued issued(String id, String consumer, String hint, Instant issuedAt, Instant expiresAt) {
        return new TokenIssued(id, consumer, "b".repeat(64), hint, expiresAt, "admin", issuedAt);
    }

    private void issue(String id, String consumer, Instant issuedAt, Instant expiresAt) {
        table.issued(issued(id, consumer, HINT, issuedAt, expiresAt), offset++);
    }

    private void revoke(String id) {
        table.revoked(new TokenRevoked(id, "alice", NOW, "done"), offset++);
    }

    private List<String> ids(String consumer, TokenTable.State state) {
        return table.list(consumer, state, NOW).stream().map(TokenTable.Row::id).toList();
    }

    @Test
    void eachTokenKeepsItsOwnScopeInCanonicalFormAndEqualScopesAreHeldOnce() {
        String payments = "{namespace=\"payments\"}";
        for (int i = 0; i < 3; i++) {
            table.issued(new TokenIssued("p" + i, "payments-grafana", "b".repeat(64), HINT, null, "admin", NOW, null,
                    Scope.parse("{ namespace = 'payments' }")), offset++);
        }
        table.issued(new TokenIssued("eu", "eu-grafana", "b".repeat(64), HINT, null, "admin", NOW, null,
                Scope.parse("{namespace=\"payments\",cluster=~\"eu-.*\"}")), offset++);
        issue("all", "grafana-prod", NOW, null);
        revoke("p1");

        assertThat(table.find("p0").orElseThrow().scope()).isEqualTo(payments);
        assertThat(table.find("p1").orElseThrow().scope()).as("a revoked token still shows its scope").isEqualTo(payments);
        assertThat(table.find("p2").orElseThrow().scope()).isSameAs(table.find("p0").orElseThrow().scope());
        assertThat(table.find("eu").orElseThrow().scope()).isEqualTo("{cluster=~\"eu-.*\",namespace=\"payments\"}");
        assertThat(table.find("all").orElseThrow().scope()).isNull();
        assertThat(table.list("payments-grafana", null, NOW)).extracting(TokenTable.Row::scope).containsOnly(payments);
    }

    @Test
    void aTokenIsShownAsIssuedAndRevoked() {
        String id = UUID.randomUUID().toString();
        Instant issuedAt = Instant.parse("2026-11-24T10:15:30.123Z");
        Instant expiresAt = Instant.parse("2027-11-24T10:15:30.456Z");
        table.issued(issued(id, "grafana-prod", "cqm_00ff…a0b9", issuedAt, expiresAt), 7);

        assertThat(table.find(id)).hasValue(new TokenTable.Row(id, "grafana-prod", "cqm_00ff…a0b9", "admin", issuedAt,
                expiresAt, null, null, null));
        assertThat(table.offsetsOf(id)).hasValue(new TokenTable.Offsets(7, TokenTable.NO_OFFSET));

        table.revoked(new TokenRevoked(id, "alice", NOW, "done"), 9);

        assertThat(table.find(id)).hasValue(new TokenTable.Row(id, "grafana-prod", "cqm_00ff…a0b9", "admin", issuedAt,
                expiresAt, "alice", NOW, null));
        assertThat(table.find(id).orElseThrow().stateAt(NOW)).isEqualTo(TokenTable.State.REVOKED);
        assertThat(table.offsetsOf(id)).hasValue(new TokenTable.Offsets(7, 9));
        assertThat(issuedCount).hasValue(1);
        assertThat(revokedCount).hasValue(1);
    }

    @Test
    void idsThatAreNoCanonicalUuidAreKeptAsTheyAre() {
        String canonical = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        List<String> ids = List.of("t1", "", " ", canonical.toUpperCase(), canonical.replace("-", ""),
                "3f2504e0-4f89-11d3-9a0c-0305e82c330", "3f2504e0+4f89-11d3-9a0c-0305e82c3301", "ünïcødé-ïd", canonical,
                "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
        for (String id : ids) {
            if (id.isBlank()) {
                continue; // TokenIssued refuses a blank id
            }
            issue(id, "grafana-prod", NOW, null);
        }

        for (String id : ids) {
            if (!id.isBlank()) {
                assertThat(table.find(id)).as(id).hasValueSatisfying(row -> assertThat(row.id()).isEqualTo(id));
            }
        }
        assertThat(table.find("3F2504E0-4f89-11d3-9a0c-0305e82c3301")).isEmpty();
        assertThat(table.find("t2")).isEmpty();
        assertThat(table.tokens()).isEqualTo(ids.size() - 2);
    }

    @Test
    void hintsOfAnotherShapeAreKeptAsTheyAre() {
        List<String> hints = List.of(HINT, "cqm_0000…0000", "cqm_ffff…ffff", "cqm_ABCD…0000", "cqm_1a2b...9f0e",
                "cqm_1a2b…9f0", "xqm_1a2b…9f0e", "cqm_1a2g…9f0e", "x", "cqm_1a2b…9f0ee");
        for (int i = 0; i < hints.size(); i++) {
            table.issued(issued("t" + i, "grafana-prod", hints.get(i), NOW, null), offset++);
        }

        for (int i = 0; i < hints.size(); i++) {
            assertThat(table.find("t" + i).orElseThrow().hint()).isEqualTo(hints.get(i));
        }
    }

    @Test
    void aRevocationBeforeTheIssueIsRememberedButNeverListed() {
        revoke("ghost");

        assertThat(table.find("ghost")).isEmpty();
        assertThat(table.offsetsOf("ghost")).hasValue(new TokenTable.Offsets(TokenTable.NO_OFFSET, 0));
        assertThat(table.list(null, null, NOW)).isEmpty();
        assertThat(table.tokens()).isZero();
        assertThat(revokedCount).hasValue(0);
        // the fold ignores a later issue of the id; the table refuses one
        assertThatThrownBy(() -> issue("ghost", "grafana-prod", NOW, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> revoke("ghost")).isInstanceOf(IllegalStateException.class);
        assertThat(table.find("ghost")).isEmpty();
    }

    @Test
    void aSecondIssueOrRevocationIsRefused() {
        issue("a", "grafana-prod", NOW, null);
        revoke("a");

        assertThatThrownBy(() -> issue("a", "grafana-prod", NOW, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> revoke("a")).isInstanceOf(IllegalStateException.class);
        assertThat(issuedCount).hasValue(1);
        assertThat(revokedCount).hasValue(1);
    }

    @Test
    void listsAreNewestFirstThenByIdAndFilter() {
        issue("b-late", "grafana-prod", NOW.minusSeconds(10), null);
        issue("c-early", "grafana-prod", NOW.minusSeconds(300), null);
        issue("z-same", "federated-prometheus-eu", NOW.minusSeconds(60), null);
        issue("a-same", "grafana-prod", NOW.minusSeconds(60), NOW.minusSeconds(1));
        issue("00000000-0000-0000-0000-00000000000b", "grafana-prod", NOW.minusSeconds(120), null);
        issue("00000000-0000-0000-0000-00000000000a", "grafana-prod", NOW.minusSeconds(120), null);
        issue("f0000000-0000-0000-0000-000000000000", "grafana-prod", NOW.minusSeconds(120), null);
        revoke("b-late");

        assertThat(ids(null, null)).containsExactly("b-late", "a-same", "z-same",
                "00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b",
                "f0000000-0000-0000-0000-000000000000", "c-early");
        assertThat(ids("grafana-prod", null)).containsExactly("b-late", "a-same",
                "00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b",
                "f0000000-0000-0000-0000-000000000000", "c-early");
        assertThat(ids("grafana-prod", TokenTable.State.ACTIVE)).containsExactly(
                "00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b",
                "f0000000-0000-0000-0000-000000000000", "c-early");
        assertThat(ids(null, TokenTable.State.REVOKED)).containsExactly("b-late");
        assertThat(ids(null, TokenTable.State.EXPIRED)).containsExactly("a-same");
        assertThat(ids("federated-prometheus-eu", TokenTable.State.EXPIRED)).isEmpty();
        assertThat(ids("nobody", null)).isEmpty();
        // an actor's name is no consumer
        assertThat(ids("admin", null)).isEmpty();
    }

    @Test
    void theQuotaCountsAConsumersTokensNeitherRevokedNorExpired() {
        issue("no-expiry", "grafana-prod", NOW.minusSeconds(60), null);
        issue("expires-now", "grafana-prod", NOW.minusSeconds(60), NOW);
        issue("expires-in-a-millisecond", "grafana-prod", NOW.minusSeconds(60), NOW.plusMillis(1));
        issue("expired", "grafana-prod", NOW.minusSeconds(60), NOW.minusMillis(1));
        issue("revoked", "grafana-prod", NOW.minusSeconds(60), null);
        issue("other", "federated-prometheus-eu", NOW.minusSeconds(60), null);
        revoke("revoked");

        assertThat(table.activeCount("grafana-prod", NOW)).isEqualTo(2);
        assertThat(table.activeCount("grafana-prod", NOW.minusNanos(1))).isEqualTo(3);
        assertThat(table.activeCount("grafana-prod", NOW.plusNanos(999_999))).isEqualTo(2);
        assertThat(table.activeCount("grafana-prod", NOW.plusMillis(1))).isEqualTo(1);
        assertThat(table.activeCount("federated-prometheus-eu", NOW)).isEqualTo(1);
        assertThat(table.activeCount("nobody", NOW)).isZero();
        assertThat(table.activeCount(NOW)).isEqualTo(3);
    }

    @Test
    void instantsBeyondEpochMillisecondsAreKept() {
        Instant far = Instant.MAX.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant farBack = Instant.ofEpochMilli(Long.MIN_VALUE);
        issue("far", "grafana-prod", farBack, far);
        issue("near", "grafana-prod", NOW, null);

        TokenTable.Row row = table.find("far").orElseThrow();
        assertThat(row.expiresAt()).isEqualTo(far);
        assertThat(row.issuedAt()).isEqualTo(farBack);
        assertThat(table.activeCount("grafana-prod", NOW)).isEqualTo(2);
        assertThat(ids(null, null)).containsExactly("near", "far");
    }

    @Test
    void manyTokensAreAllFoundAndCounted() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String id = i % 1000 == 0 ? "text-" + i : new UUID(random.nextLong(), random.nextLong()).toString();
            ids.add(id);
            issue(id, "consumer-" + (i % 50), NOW.minusSeconds(100_000 - i), i % 7 == 0 ? NOW.minusMillis(1) : null);
        }
        for (int i = 0; i < ids.size(); i += 3) {
            revoke(ids.get(i));
        }

        for (int i = 0; i < ids.size(); i++) {
            assertThat(table.offsetsOf(ids.get(i)).orElseThrow().issue()).isEqualTo(i);
        }
        long active = 0;
        for (int i = 0; i < ids.size(); i++) {
            active += i % 3 != 0 && i % 7 != 0 ? 1 : 0;
        }
        assertThat(table.activeCount(NOW)).isEqualTo(active);
        assertThat(table.list(null, TokenTable.State.ACTIVE, NOW)).hasSize((int) active);
        assertThat(table.list("consumer-3", null, NOW)).hasSize(2000)
                .isSortedAccordingTo((a, b) -> b.issuedAt().compareTo(a.issuedAt()));
        assertThat(table.tokens()).isEqualTo(100_000);
    }

    @Test
    void readersSeeWholeRowsWhileTheWriterAppends() throws Exception {
        int tokens = 50_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                Random random = new Random(1);
                while (table.tokens() < tokens) {
                    String id = ids.get(random.nextInt(tokens));
                    table.find(id).ifPresent(row -> {
                        if (!row.id().equals(id) || !row.consumer().startsWith("c") || row.issuedAt() == null) {
                            throw new AssertionError("torn row " + row);
                        }
                    });
                    long active = table.activeCount("c1", NOW);
                    if (active < 0) {
                        throw new AssertionError(active);
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();
        for (int i = 0; i < tokens; i++) {
            issue(ids.get(i), "c" + (i % 3), NOW.minus(Duration.ofSeconds(tokens - i)), null);
        }
        reader.join(30_000);

        assertThat(failure.get()).isNull();
        assertThat(table.activeCount("c1", NOW)).isEqualTo((tokens + 1) / 3);
    }
}
