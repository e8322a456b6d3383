package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.promql.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The defence-in-depth filters and the metadata filter on Prometheus's JSON answers. */
class JsonAnswersTest {

    private static final Scope PAYMENTS = Scope.parse("{namespace=\"payments\",cluster=~\"eu-.*\"}");

    @Test
    void seriesOutsideTheScopeAreDroppedAndCounted() {
        Filtered filtered = JsonAnswers.series(bytes("{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"up\",\"namespace\":\"payments\",\"cluster\":\"eu-1\"},"
                + "{\"__name__\":\"up\",\"namespace\":\"other\",\"cluster\":\"eu-1\"},"
                + "{\"__name__\":\"up\",\"namespace\":\"payments\"}],\"warnings\":[\"w\"]}"), PAYMENTS);

        assertThat(text(filtered)).isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"namespace\":"
                + "\"payments\",\"cluster\":\"eu-1\"}],\"warnings\":[\"w\"]}");
        assertThat(filtered.violations()).isEqualTo(2);
        assertThat(JsonAnswers.series(bytes("{\"status\":\"success\",\"data\":null}"), PAYMENTS).violations()).isZero();
    }

    @Test
    void labelValuesAreCheckedOnlyForTheLabelsTheScopeNames() {
        Filtered cluster = JsonAnswers.labelValues(bytes("{\"status\":\"success\",\"data\":[\"eu-1\",\"us-1\",\"eu-2\"]}"),
                "cluster", PAYMENTS);
        Filtered job = JsonAnswers.labelValues(bytes("{\"status\":\"success\",\"data\":[\"api\",\"db\"]}"), "job", PAYMENTS);

        assertThat(text(cluster)).isEqualTo("{\"status\":\"success\",\"data\":[\"eu-1\",\"eu-2\"]}");
        assertThat(cluster.violations()).isEqualTo(1);
        assertThat(text(job)).contains("\"api\",\"db\"");
        assertThat(job.violations()).isZero();
    }

    @Test
    void metadataKeepsTheVisibleNamesThenTheLimitInNameOrder() {
        byte[] answer = bytes("{\"status\":\"success\",\"data\":{\"up\":[{\"type\":\"gauge\",\"help\":\"h\",\"unit\":\"\"}],"
                + "\"secret\":[{\"type\":\"gauge\",\"help\":\"s\",\"unit\":\"\"}],\"a\":[],\"b\":[]}}");

        assertThat(text(JsonAnswers.metadata(answer, Set.of("up", "a", "b"), -1)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"a\":[],\"b\":[],\"up\":[{\"type\":\"gauge\",\"help\":\"h\",\"unit\":\"\"}]}}");
        assertThat(text(JsonAnswers.metadata(answer, Set.of("up", "a", "b"), 2)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"a\":[],\"b\":[]}}");
        assertThat(text(JsonAnswers.metadata(answer, Set.of(), -1))).isEqualTo("{\"status\":\"success\",\"data\":{}}");
    }

    @Test
    void anAnswerNotShapedAsPrometheusDocumentsIsRefusedNotPassedOn() {
        for (String bad : List.of("not json", "[]", "{\"status\":\"error\"}", "{\"status\":\"success\",\"data\":{}}")) {
            assertThatThrownBy(() -> JsonAnswers.series(bytes(bad), PAYMENTS)).as(bad)
                    .isInstanceOfSatisfying(GatewayRejection.class, r -> assertThat(r.status().getCode()).isEqualTo(502))
                    .hasMessageContaining("cannot be checked against this token's scope");
        }
    }

    @Test
    void anEntryThatIsNotALabelSetCannotBeShownToBeInTheScopeSoItIsDroppedAndCounted() {
        Filtered filtered = JsonAnswers.series(bytes("{\"status\":\"success\",\"data\":[\"a\",{\"namespace\":\"payments\","
                + "\"cluster\":\"eu-1\"}]}"), PAYMENTS);

        assertThat(text(filtered)).isEqualTo("{\"status\":\"success\",\"data\":[{\"namespace\":\"payments\",\"cluster\":\"eu-1\"}]}");
        assertThat(filtered.violations()).isEqualTo(1);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Filtered filtered) {
        return new String(filtered.body(), StandardCharsets.UTF_8);
    }
}
