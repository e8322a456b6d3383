package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parameters of one request as Prometheus reads them: the form body and the query string
 * together, body first (Go's order). The one reading of parameters that both a scoped request's
 * rewrite and the query limits judge, so a scoped and an unscoped request say the same thing.
 *
 * @param given   values of each parameter the endpoint takes, in the order read; only {@code match[]} has several
 * @param dropped names of parameters the endpoint does not take, sorted
 */
public record RequestParameters(Map<String, List<String>> given, List<String> dropped) {

    public RequestParameters {
        given = Map.copyOf(given);
        dropped = List.copyOf(dropped);
    }

    /**
     * @throws GatewayRejection 400 {@code bad_data} for a parameter other than {@code match[]} given twice
     *     (query string and form body count together): which one would Prometheus read?
     */
    public static RequestParameters of(ScopedEndpoint endpoint, List<Param> queryString, List<Param> formBody) {
        Map<String, List<String>> given = new HashMap<>();
        TreeSet<String> dropped = new TreeSet<>();
        for (List<Param> source : List.of(formBody, queryString)) {
            for (Param p : source) {
                if (!endpoint.parameters().contains(p.name())) {
                    dropped.add(p.name());
                    continue;
                }
                List<String> values = given.computeIfAbsent(p.name(), name -> new ArrayList<>(1));
                if (!values.isEmpty() && !p.name().equals(ScopedEndpoint.MATCH)) {
                    throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", "parameter \"" + p.name()
                            + "\" is given more than once (query string and form body count together): send it once",
                            "duplicate_parameter");
                }
                values.add(p.value());
            }
        }
        return new RequestParameters(given, new ArrayList<>(dropped));
    }

    /** Every value of {@code name}, none if it was not given. */
    public List<String> all(String name) {
        return given.getOrDefault(name, List.of());
    }

    /**
     * The value of {@code name}, or {@code null} when it is absent or empty: Prometheus reads an empty
     * value as a missing one (its default applies).
     */
    public String value(String name) {
        List<String> values = all(name);
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
