package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.TokenFold.Standing;
import org.junit.jupiter.api.Test;

class TokenFoldTest {

    private final TokenIssued issue = TestLog.issued("t1", TestLog.newToken());
    private final TokenRevoked revoke = TestLog.revoked("t1");

    @Test
    void theFirstIssueOfAnIdIsApplied() {
        assertThat(TokenFold.decide(0, issue, Standing.UNKNOWN)).isEqualTo(new TokenFold.Issue(issue));
    }

    @Test
    void aSecondIssueOfAnIssuedIdChangesNothing() {
        assertThat(TokenFold.decide(1, issue, Standing.ISSUED)).isInstanceOf(TokenFold.Ignore.class);
    }

    @Test
    void anIssueAfterARevocationChangesNothing() {
        assertThat(TokenFold.decide(2, issue, Standing.REVOKED)).isInstanceOf(TokenFold.Ignore.class);
    }

    @Test
    void revokingAnIssuedIdRevokesIt() {
        assertThat(TokenFold.decide(1, revoke, Standing.ISSUED)).isEqualTo(new TokenFold.Revoke(revoke, true));
    }

    @Test
    void revokingAnIdNeverIssuedIsRememberedSoALaterIssueIsIgnored() {
        assertThat(TokenFold.decide(0, revoke, Standing.UNKNOWN)).isEqualTo(new TokenFold.Revoke(revoke, false));
    }

    @Test
    void aSecondRevocationChangesNothing() {
        assertThat(TokenFold.decide(3, revoke, Standing.REVOKED)).isInstanceOf(TokenFold.Ignore.class);
    }
}
