package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * What each allowed route does for a scoped token: the parameters it takes (Prometheus 2.42's
 * HTTP API; anything else is dropped, as Prometheus itself ignores it), which of them the scope
 * rewrites, and what is done to the answer. The one table of scoped behaviour: a route missing
 * here is refused to every scoped token ({@link #of}), never forwarded unscoped.
 */
public enum ScopedEndpoint {
    QUERY("query", Rewrite.QUERY, Answer.AS_IS, "query", "time", "timeout", "stats"),
    QUERY_RANGE("query_range", Rewrite.QUERY, Answer.AS_IS, "query", "start", "end", "step", "timeout", "stats"),
    QUERY_EXEMPLARS("query_exemplars", Rewrite.QUERY, Answer.AS_IS, "query", "start", "end"),
    SERIES("series", Rewrite.MATCH, Answer.SERIES, "match[]", "start", "end"),
    LABELS("labels", Rewrite.MATCH, Answer.AS_IS, "match[]", "start", "end"),
    LABEL_VALUES("label_values", Rewrite.MATCH, Answer.LABEL_VALUES, "match[]", "start", "end"),
    FEDERATE("federate", Rewrite.MATCH, Answer.FEDERATE, "match[]"),
    /** {@code limit} is applied by the gateway after filtering, so it is not forwarded. */
    METADATA("metadata", Rewrite.NONE, Answer.METADATA, "metric", "limit"),
    RULES("rules", Rewrite.NONE, Answer.RULES, "type"),
    BUILDINFO("buildinfo", Rewrite.NONE, Answer.AS_IS);

    /** The one repeatable parameter: series selectors. Every other parameter is taken at most once. */
    public static final String MATCH = "match[]";

    /** Which parameter the scope rewrites. */
    public enum Rewrite {
        /** {@code query}: the PromQL expression, scoped on every selector. */
        QUERY,
        /** every {@code match[]}, scoped; without one, the scope itself is the only one. */
        MATCH,
        /** nothing to rewrite: the answer is filtered instead, or needs nothing. */
        NONE
    }

    /** What happens to a 200 answer before it reaches the scoped client. */
    public enum Answer {
        /** streamed as Prometheus sent it: the rewritten request is the enforcement. */
        AS_IS,
        /** series outside the scope dropped and counted (defence in depth). */
        SERIES,
        /** values the scope cannot hold for a scope label dropped and counted (defence in depth). */
        LABEL_VALUES,
        /** samples outside the scope dropped and counted (defence in depth). */
        FEDERATE,
        /** only metric names the scope sees. */
        METADATA,
        /** only rules and alerts whose labels the scope admits, expressions redacted. */
        RULES
    }

    private final String route;
    private final Rewrite rewrite;
    private final Answer answer;
    private final List<String> parameters;

    ScopedEndpoint(String route, Rewrite rewrite, Answer answer, String... parameters) {
        this.route = route;
        this.rewrite = rewrite;
        this.answer = answer;
        this.parameters = List.of(parameters);
    }

    /** The endpoint of an allow-listed route name; a route without scoped behaviour is refused (403). */
    public static ScopedEndpoint of(String routeName) {
        ScopedEndpoint endpoint = find(routeName);
        if (endpoint != null) {
            return endpoint;
        }
        throw new GatewayRejection(HttpStatus.FORBIDDEN, "forbidden",
                "the route " + routeName + " is not available to a scoped token: the gateway cannot confine it to the scope",
                "scope_unsupported_route");
    }

    /** The endpoint of {@code routeName}, or {@code null} when the table has none. */
    public static ScopedEndpoint find(String routeName) {
        for (ScopedEndpoint endpoint : values()) {
            if (endpoint.route.equals(routeName)) {
                return endpoint;
            }
        }
        return null;
    }

    public String route() {
        return route;
    }

    public Rewrite rewrite() {
        return rewrite;
    }

    public Answer answer() {
        return answer;
    }

    /** Accepted parameter names, in the order the canonical request lists them. */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * Whether the upstream must honour {@code match[]} on its label APIs (Prometheus 2.24 and
     * later) for this endpoint to be scoped: {@code labels}, {@code label/<name>/values}, and
     * {@code metadata}, whose filter asks for the scope's metric names that way.
     */
    public boolean needsLabelMatchers() {
        return this == LABELS || this == LABEL_VALUES || this == METADATA;
    }
}
