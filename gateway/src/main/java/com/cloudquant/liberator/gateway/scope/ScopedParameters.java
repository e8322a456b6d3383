package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.promql.PromQLException;
import com.cloudquant.liberator.promql.Scope;
import com.cloudquant.liberator.promql.ScopedQuery;
import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the one canonical upstream request of a scoped token from the parameters it sent, in the
 * query string and the form body together (Prometheus reads both): the query re-printed from its
 * scoped tree, every {@code match[]} scoped (the scope itself when there is none), everything else
 * the endpoint takes copied once, and nothing else. Whatever the client wrote where, no parameter
 * reaches upstream that was not decided on here.
 */
public final class ScopedParameters {

    private static final String QUERY = "query";
    private static final String LIMIT = "limit";

    private ScopedParameters() {
    }

    /**
     * @throws GatewayRejection 400 {@code bad_data} for a parameter given twice (other than
     *     {@code match[]}: {@link RequestParameters}), a query or selector that does not parse (naming the
     *     position), or a bad limit
     */
    public static ScopedRequest of(ScopedEndpoint endpoint, List<Param> queryString, List<Param> formBody, Scope scope) {
        return of(endpoint, RequestParameters.of(endpoint, queryString, formBody), scope);
    }

    /** As {@link #of(ScopedEndpoint, List, List, Scope)}, from parameters already read. */
    public static ScopedRequest of(ScopedEndpoint endpoint, RequestParameters parameters, Scope scope) {
        Map<String, List<String>> given = parameters.given();
        List<Param> upstream = new ArrayList<>();
        int limit = -1;
        for (String name : endpoint.parameters()) {
            List<String> values = given.getOrDefault(name, List.of());
            if (name.equals(QUERY) && endpoint.rewrite() == ScopedEndpoint.Rewrite.QUERY) {
                upstream.add(new Param(QUERY, scoped(QUERY, values.isEmpty() ? null : values.get(0), scope, false)));
            } else if (name.equals(ScopedEndpoint.MATCH)) {
                for (String selector : values.isEmpty() ? List.of(scope.canonical()) : values) {
                    upstream.add(new Param(name, scoped(name, selector, scope, true)));
                }
            } else if (name.equals(LIMIT) && endpoint == ScopedEndpoint.METADATA) {
                limit = values.isEmpty() ? -1 : limit(values.get(0));
            } else if (!values.isEmpty()) {
                upstream.add(new Param(name, values.get(0)));
            }
        }
        return new ScopedRequest(endpoint, upstream, limit, parameters.dropped());
    }

    private static String scoped(String parameter, String text, Scope scope, boolean selector) {
        try {
            return selector ? ScopedQuery.rewriteSelector(text, scope) : ScopedQuery.rewrite(text, scope);
        } catch (PromQLException e) {
            throw badData("invalid parameter \"" + parameter + "\": " + e.getMessage(), "query_refused");
        }
    }

    private static int limit(String text) {
        if (text.isEmpty()) {
            return -1; // as Prometheus reads an empty limit: none
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw badData("invalid parameter \"limit\": limit must be a number", "bad_limit");
        }
    }

    private static GatewayRejection badData(String message, String reason) {
        return new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", message, reason);
    }
}
