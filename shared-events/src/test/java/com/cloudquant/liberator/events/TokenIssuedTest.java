package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenIssuedTest {

    private static final String HASH = "0".repeat(64);

    @Test
    void aConsumerNameIsAcceptedExactlyWhenTheDocumentedPatternMatchesIt() {
        List<String> names = new java.util.ArrayList<>(List.of("a", "0", "grafana-prod", "team.payments_eu-1",
                "a".repeat(63), "a".repeat(64), "", "-a", ".a", "_a", "A", "grafana prod", "grafana\n", "grafanä",
                "ｇrafana", "a/b"));
        Random random = new Random(7);
        String alphabet = "az09._-A /\u00e4\u0000";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(70); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        for (String name : names) {
            boolean documented = TokenIssued.CONSUMER_NAME.matcher(name).matches();
            assertThat(TokenIssued.isConsumerName(name)).as("'%s'", name).isEqualTo(documented);
        }
    }

    @Test
    void anIssueForAConsumerNameOutsideThePatternIsRefused() {
        assertThatThrownBy(() -> new TokenIssued("t1", "Grafana", HASH, "cqm_1…", null, "alice", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumer must match");
        assertThat(new TokenIssued("t1", "grafana", HASH, "cqm_1…", null, "alice", Instant.now()).consumer())
                .isEqualTo("grafana");
    }
}
