package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.promql.Scope;
import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenTest {

    private static final String ID = "tok-1";
    private static final String HASH = "a".repeat(64);
    private static final Instant ISSUED_AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant REVOKED_AT = Instant.parse("2026-11-25T11:00:00Z");

    private FixtureConfiguration<Token> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Token.class);
    }

    private static TokenIssued issued() {
        return new TokenIssued(ID, "grafana-prod", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT);
    }

    @Test
    void issuingRecordsTheHashHintAndIssuer() {
        fixture.givenNoPriorActivity()
                .when(new IssueTokenCommand(ID, "grafana-prod", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT, null,
                        Scope.NONE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(issued());
    }

    @Test
    void issuingAScopedTokenRecordsItsScopeInTheEvent() {
        Scope scope = Scope.parse("{namespace=\"payments\", cluster=~\"eu-.*\"}");
        fixture.givenNoPriorActivity()
                .when(new IssueTokenCommand(ID, "payments-grafana", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT, null,
                        scope))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenIssued(ID, "payments-grafana", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT,
                        null, Scope.parse("{cluster=~\"eu-.*\",namespace=\"payments\"}")));
    }

    @Test
    void issuingATokenWithItsOwnLimitsRecordsThemInTheEvent() {
        TokenLimits limits = TokenLimits.typed(Map.of("maxRange", "90d", "burst", "20"));
        fixture.givenNoPriorActivity()
                .when(new IssueTokenCommand(ID, "capacity-planning", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT, null,
                        Scope.NONE, limits))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenIssued(ID, "capacity-planning", HASH, "cqm_1a2b…9f0e", null, "admin", ISSUED_AT,
                        null, Scope.NONE, TokenLimits.typed(Map.of("burst", "20", "maxRange", "2160h"))));
    }

    @Test
    void revokingAnActiveTokenRecordsWhoRevokedIt() {
        fixture.given(issued())
                .when(new RevokeTokenCommand(ID, "alice", REVOKED_AT, "rotated"))
                .expectResultMessagePayload(true)
                .expectEvents(new TokenRevoked(ID, "alice", REVOKED_AT, "rotated"));
    }

    @Test
    void revokingTwiceIsANoOp() {
        fixture.given(issued(), new TokenRevoked(ID, "alice", REVOKED_AT, ""))
                .when(new RevokeTokenCommand(ID, "bob", REVOKED_AT.plusSeconds(60), ""))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void revokingAnUnknownTokenFails() {
        fixture.givenNoPriorActivity()
                .when(new RevokeTokenCommand("no-such-token", "alice", REVOKED_AT, ""))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
