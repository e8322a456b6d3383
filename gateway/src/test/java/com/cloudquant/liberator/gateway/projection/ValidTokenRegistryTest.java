package com.cloudquant.liberator.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.gateway.testing.SignedLog;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.tokenlog.TokenFold;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidTokenRegistryTest {

    private final ValidTokenRegistry registry = new ValidTokenRegistry();
    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");

    private void fold(Object event) {
        var e = (com.cloudquant.liberator.events.TokenEvent) event;
        registry.apply(TokenFold.decide(0, e, registry.standing(e.tokenId())));
    }

    private static TokenIssued issue(String id, BearerToken token, Instant expiresAt) {
        return new TokenIssued(id, "grafana-prod", token.sha256Hex(), token.hint(), expiresAt, "alice", Instant.now());
    }

    @Test
    void aUuidIdAndAnyOtherIdComeBackAsWritten() {
        BearerToken a = SignedLog.newToken();
        BearerToken b = SignedLog.newToken();
        String uuid = UUID.randomUUID().toString();
        fold(issue(uuid, a, null));
        fold(issue("Tok-1", b, now));

        assertThat(registry.find(TokenHash.ofHex(a.sha256Hex()))).hasValueSatisfying(t -> {
            assertThat(t.tokenId()).isEqualTo(uuid);
            assertThat(t.consumer()).isEqualTo("grafana-prod");
            assertThat(t.expiresAt()).isNull();
        });
        assertThat(registry.find(TokenHash.ofHex(b.sha256Hex()))).hasValueSatisfying(t -> {
            assertThat(t.tokenId()).isEqualTo("Tok-1");
            assertThat(t.expiresAt()).isEqualTo(now);
        });
        assertThat(registry.standing("tok-1")).isEqualTo(TokenFold.Standing.UNKNOWN);
    }

    /**
     * Each token carries the scope its event was decoded with; equal scopes (by canonical form)
     * are held once however many tokens share them, across more than one page of rows.
     */
    @Test
    void eachTokenCarriesItsScopeAndEqualScopesAreOneInstance() {
        BearerToken unscoped = SignedLog.newToken();
        fold(issue("unscoped", unscoped, null));
        BearerToken[] tokens = new BearerToken[20_000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = SignedLog.newToken();
            Scope scope = Scope.parse(i % 2 == 0 ? "{namespace='payments'}" : "{ namespace = \"team-b\" }");
            fold(new TokenIssued("t" + i, "grafana-prod", tokens[i].sha256Hex(), tokens[i].hint(), null, "alice",
                    Instant.now(), null, scope));
        }

        ActiveToken first = registry.find(TokenHash.ofHex(tokens[0].sha256Hex())).orElseThrow();
        ActiveToken last = registry.find(TokenHash.ofHex(tokens[tokens.length - 2].sha256Hex())).orElseThrow();
        ActiveToken other = registry.find(TokenHash.ofHex(tokens[tokens.length - 1].sha256Hex())).orElseThrow();
        assertThat(first.scope().canonical()).isEqualTo("{namespace=\"payments\"}");
        assertThat(last.scope()).isSameAs(first.scope());
        assertThat(other.scope().canonical()).isEqualTo("{namespace=\"team-b\"}");
        assertThat(first.isScoped()).isTrue();
        ActiveToken plain = registry.find(TokenHash.ofHex(unscoped.sha256Hex())).orElseThrow();
        assertThat(plain.scope()).isSameAs(Scope.NONE);
        assertThat(plain.isScoped()).isFalse();
    }

    /** Each token carries the limits its event was decoded with; equal sets are one instance, none is the defaults. */
    @Test
    void eachTokenCarriesItsOwnLimitsAndEqualLimitsAreOneInstance() {
        BearerToken plain = SignedLog.newToken();
        fold(issue("plain", plain, null));
        BearerToken[] tokens = new BearerToken[3];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = SignedLog.newToken();
            fold(new TokenIssued("own" + i, "capacity", tokens[i].sha256Hex(), tokens[i].hint(), null, "alice",
                    Instant.now(), null, Scope.NONE, TokenLimits.typed(java.util.Map.of("maxRange", i < 2 ? "90d" : "7d"))));
        }

        ActiveToken first = registry.find(TokenHash.ofHex(tokens[0].sha256Hex())).orElseThrow();
        assertThat(first.limits().maxRange()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(registry.find(TokenHash.ofHex(tokens[1].sha256Hex())).orElseThrow().limits()).isSameAs(first.limits());
        assertThat(registry.find(TokenHash.ofHex(tokens[2].sha256Hex())).orElseThrow().limits().maxRange())
                .isEqualTo(java.time.Duration.ofDays(7));
        assertThat(registry.find(TokenHash.ofHex(plain.sha256Hex())).orElseThrow().limits()).isSameAs(TokenLimits.NONE);
    }

    @Test
    void anExpiredTokenIsDroppedButItsIdStaysIssued() {
        BearerToken expired = SignedLog.newToken();
        BearerToken live = SignedLog.newToken();
        String id = UUID.randomUUID().toString();
        fold(issue(id, expired, now.minusSeconds(1)));
        fold(issue("live", live, now.plusSeconds(60)));

        assertThat(registry.dropExpired(now)).isEqualTo(1);

        assertThat(registry.find(TokenHash.ofHex(expired.sha256Hex()))).isEmpty();
        assertThat(registry.find(TokenHash.ofHex(live.sha256Hex()))).isPresent();
        assertThat(registry.standing(id)).isEqualTo(TokenFold.Standing.ISSUED);
        fold(issue(id, SignedLog.newToken(), null)); // a second issue of the id still changes nothing
        assertThat(registry.size()).isEqualTo(1);
        fold(new TokenRevoked(id, "alice", now, "late"));
        assertThat(registry.standing(id)).isEqualTo(TokenFold.Standing.REVOKED);
    }

    @Test
    void aRevocationOfAnIdNeverIssuedIsFinal() {
        BearerToken token = SignedLog.newToken();
        fold(new TokenRevoked("t9", "alice", now, "pre-emptive"));
        fold(issue("t9", token, null));

        assertThat(registry.find(TokenHash.ofHex(token.sha256Hex()))).isEmpty();
        assertThat(registry.standing("t9")).isEqualTo(TokenFold.Standing.REVOKED);
    }

    @Test
    void anIdIsStoredAsAUuidOnlyWhenItIsWrittenExactlyAsAUuidIsWritten() {
        // which ids are kept as UUIDs is CanonicalUuid's (CanonicalUuidTest)
        String uuid = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
        // an upper-case id and its lower-case twin are two ids, each found as written
        BearerToken lower = SignedLog.newToken();
        BearerToken upper = SignedLog.newToken();
        fold(issue(uuid, lower, null));
        fold(issue(uuid.toUpperCase(java.util.Locale.ROOT), upper, null));
        fold(new TokenRevoked(uuid, "alice", now, "only the lower-case one"));
        assertThat(registry.find(TokenHash.ofHex(lower.sha256Hex()))).isEmpty();
        assertThat(registry.find(TokenHash.ofHex(upper.sha256Hex())))
                .hasValueSatisfying(t -> assertThat(t.tokenId()).isEqualTo(uuid.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void aTokenHashReadFromAnEventIsTheHashOfTheRequestsToken() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 1_000; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            String hex = java.util.HexFormat.of().formatHex(digest);
            assertThat(TokenHash.ofHex(hex)).isEqualTo(TokenHash.of(digest));
            assertThat(TokenHash.ofHex(hex).prefix()).isEqualTo(hex.substring(0, 12));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenHash.ofHex("ab".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenHash.ofHex("zz".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
