package com.cloudquant.liberator.gateway.scope;

import static com.cloudquant.liberator.gateway.scope.JsonAnswersTest.bytes;
import static com.cloudquant.liberator.gateway.scope.JsonAnswersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.Scope;
import org.junit.jupiter.api.Test;

class RulesAnswerTest {

    private static final Scope PAYMENTS = Scope.parse("{namespace=\"payments\"}");

    @Test
    void onlyRulesAndAlertsTheScopeAdmitsWithExpressionsAndErrorsRedacted() {
        String answer = """
                {"status":"success","data":{"groups":[
                 {"name":"mixed","file":"r.yml","rules":[
                  {"type":"alerting","name":"Down","query":"up{namespace=\\"other\\"} == 0","labels":{"namespace":"payments"},
                   "alerts":[{"labels":{"namespace":"payments","instance":"a"},"state":"firing"},
                             {"labels":{"namespace":"other","instance":"b"},"state":"firing"}],
                   "health":"err","lastError":"found duplicate series {tenant=\\"b\\"}"},
                  {"type":"recording","name":"other:sum","query":"sum(secret)","labels":{"namespace":"other"}},
                  {"type":"recording","name":"unlabelled","query":"sum(secret)"}]},
                 {"name":"others","file":"o.yml","rules":[
                  {"type":"recording","name":"o","query":"secret","labels":{"namespace":"other"}}]}]}}
                """;

        String filtered = text(RulesAnswer.filter(bytes(answer), PAYMENTS));

        assertThat(filtered).contains("\"name\":\"Down\"", "\"instance\":\"a\"", RulesAnswer.REDACTED_QUERY,
                RulesAnswer.REDACTED_ERROR);
        assertThat(filtered).doesNotContain("other", "secret", "tenant", "unlabelled", "\"instance\":\"b\"");
        assertThat(filtered).contains("\"groups\":[{\"name\":\"mixed\"");
    }
}
