package com.cloudquant.liberator.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.promql.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one canonical upstream request of a scoped token, from what it sent in the URL and the body. */
class ScopedParametersTest {

    private static final Scope PAYMENTS = Scope.parse("{namespace=\"payments\"}");

    @Test
    void theQueryIsReprintedFromItsScopedTreeNeverForwardedAsWritten() {
        ScopedRequest request = ScopedParameters.of(ScopedEndpoint.QUERY,
                List.of(new Param("query", "sum(rate(x[5m])) # a comment"), new Param("time", "12")), List.of(), PAYMENTS);

        assertThat(request.upstream()).containsExactly(
                new Param("query", "sum(rate(x{namespace=\"payments\"}[5m]))"), new Param("time", "12"));
        assertThat(request.encoded()).isEqualTo("query=sum%28rate%28x%7Bnamespace%3D%22payments%22%7D%5B5m%5D%29%29&time=12");
    }

    @Test
    void theAttackThroughAnAggregationParameterGetsTheScopeOnEverySelector() {
        ScopedRequest request = ScopedParameters.of(ScopedEndpoint.QUERY, List.of(new Param("query",
                "count(topk(scalar(sum(secret{tenant=\"other\"})), {__name__=~\".+\"}))")), List.of(), PAYMENTS);

        assertThat(request.upstream().get(0).value()).isEqualTo("count(topk(scalar(sum(secret{tenant=\"other\","
                + "namespace=\"payments\"})), {__name__=~\".+\",namespace=\"payments\"}))");
    }

    @Test
    void parametersComeInTheEndpointsOrderFromBodyAndQueryStringTogether() {
        ScopedRequest request = ScopedParameters.of(ScopedEndpoint.QUERY_RANGE,
                List.of(new Param("step", "15"), new Param("end", "20")),
                List.of(new Param("query", "up"), new Param("start", "10")), PAYMENTS);

        assertThat(request.upstream()).extracting(Param::name).containsExactly("query", "start", "end", "step");
    }

    @Test
    void aQueryGivenTwiceIsRefusedWhereverTheTwoCopiesAre() {
        for (List<List<Param>> where : List.of(
                List.of(List.of(new Param("query", "up")), List.of(new Param("query", "secret"))),
                List.of(List.of(new Param("query", "up"), new Param("query", "secret")), List.<Param>of()),
                List.of(List.<Param>of(), List.of(new Param("query", "up"), new Param("query", "up"))))) {
            assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.QUERY, where.get(0), where.get(1), PAYMENTS))
                    .isInstanceOfSatisfying(GatewayRejection.class, r -> {
                        assertThat(r.status().getCode()).isEqualTo(400);
                        assertThat(r.errorType()).isEqualTo("bad_data");
                        assertThat(r.getMessage()).contains("\"query\" is given more than once");
                    });
        }
        assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.QUERY, List.of(new Param("query", "up"),
                new Param("time", "1")), List.of(new Param("time", "2")), PAYMENTS))
                .hasMessageContaining("\"time\" is given more than once");
    }

    @Test
    void aParseErrorIs400BadDataNamingThePosition() {
        assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.QUERY, List.of(new Param("query", "sum(up")),
                List.of(), PAYMENTS))
                .isInstanceOfSatisfying(GatewayRejection.class, r -> {
                    assertThat(r.status().getCode()).isEqualTo(400);
                    assertThat(r.errorType()).isEqualTo("bad_data");
                    assertThat(r.getMessage()).startsWith("invalid parameter \"query\": at position 6");
                });
        assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.QUERY_RANGE, List.of(), List.of(), PAYMENTS))
                .hasMessageContaining("invalid parameter \"query\"").hasMessageContaining("position 0");
    }

    @Test
    void everyMatchFromBothPlacesIsScopedAndNoneLeftMeansTheScopeItself() {
        ScopedRequest series = ScopedParameters.of(ScopedEndpoint.SERIES,
                List.of(new Param("match[]", "{__name__=~\".+\"}")), List.of(new Param("match[]", "up")), PAYMENTS);
        ScopedRequest federate = ScopedParameters.of(ScopedEndpoint.FEDERATE, List.of(), List.of(), PAYMENTS);

        assertThat(series.upstream()).containsExactly(new Param("match[]", "up{namespace=\"payments\"}"),
                new Param("match[]", "{__name__=~\".+\",namespace=\"payments\"}"));
        assertThat(federate.upstream()).containsExactly(new Param("match[]", "{namespace=\"payments\"}"));
    }

    @Test
    void aMatchThatIsNotASeriesSelectorIsRefused() {
        for (String bad : List.of("", "sum(up)", "up[5m]", "up offset 1m", "up or secret")) {
            assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.LABELS, List.of(new Param("match[]", bad)),
                    List.of(), PAYMENTS))
                    .as(bad).isInstanceOfSatisfying(GatewayRejection.class,
                            r -> assertThat(r.getMessage()).startsWith("invalid parameter \"match[]\": at position"));
        }
    }

    @Test
    void parametersTheEndpointDoesNotTakeAreDroppedAndNamed() {
        ScopedRequest request = ScopedParameters.of(ScopedEndpoint.LABELS,
                List.of(new Param("start", "1"), new Param("query", "secret"), new Param("limit", "5")),
                List.of(new Param("match", "secret")), PAYMENTS);

        assertThat(request.upstream()).extracting(Param::name).containsExactly("match[]", "start");
        assertThat(request.dropped()).containsExactly("limit", "match", "query");
    }

    @Test
    void metadataLimitIsKeptForTheGatewayAndNotForwarded() {
        ScopedRequest request = ScopedParameters.of(ScopedEndpoint.METADATA,
                List.of(new Param("limit", "3"), new Param("metric", "up")), List.of(), PAYMENTS);

        assertThat(request.upstream()).containsExactly(new Param("metric", "up"));
        assertThat(request.limit()).isEqualTo(3);
        assertThat(ScopedParameters.of(ScopedEndpoint.METADATA, List.of(new Param("limit", "")), List.of(), PAYMENTS)
                .limit()).isEqualTo(-1);
        assertThatThrownBy(() -> ScopedParameters.of(ScopedEndpoint.METADATA, List.of(new Param("limit", "x")),
                List.of(), PAYMENTS)).hasMessageContaining("limit must be a number");
    }

    @Test
    void aRouteWithoutScopedBehaviourIsRefusedNotForwarded() {
        assertThatThrownBy(() -> ScopedEndpoint.of("alerts"))
                .isInstanceOfSatisfying(GatewayRejection.class, r -> assertThat(r.status().getCode()).isEqualTo(403));
    }
}
