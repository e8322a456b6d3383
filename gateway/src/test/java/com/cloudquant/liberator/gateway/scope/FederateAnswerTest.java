package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederateAnswerTest {

    private static final Scope PAYMENTS = Scope.parse("{namespace=\"payments\"}");

    @Test
    void samplesOutsideTheScopeAndTheHeadersOfFamiliesLeftEmptyAreDropped() {
        String exposition = """
                # TYPE up untyped
                up{instance="a",namespace="payments"} 1 1700000000000
                up{instance="b",namespace="other"} 1 1700000000000
                # TYPE secret untyped
                secret{namespace="other"} 42 1700000000000
                # TYPE tricky untyped
                tricky{note="namespace=\\"payments\\"",namespace="other"} 1 1700000000000
                tricky{note="a \\\\ b\\n",namespace="payments"} 2 1700000000000
                broken{namespace="payments" 3
                """;

        Filtered filtered = FederateAnswer.filter(exposition.getBytes(StandardCharsets.UTF_8), PAYMENTS);

        assertThat(new String(filtered.body(), StandardCharsets.UTF_8)).isEqualTo("""
                # TYPE up untyped
                up{instance="a",namespace="payments"} 1 1700000000000
                # TYPE tricky untyped
                tricky{note="a \\\\ b\\n",namespace="payments"} 2 1700000000000
                """);
        assertThat(filtered.violations()).isEqualTo(4);
    }

    @Test
    void readsEscapedLabelValues() {
        assertThat(FederateAnswer.labels("m{a=\"x\\\"y\",b=\"\\\\\",c=\"l\\n\"} 1"))
                .isEqualTo(Map.of("__name__", "m", "a", "x\"y", "b", "\\", "c", "l\n"));
        assertThat(FederateAnswer.labels("m 1")).isEqualTo(Map.of("__name__", "m"));
        assertThat(FederateAnswer.labels("m{a=\"x\"")).isNull();
    }
}
