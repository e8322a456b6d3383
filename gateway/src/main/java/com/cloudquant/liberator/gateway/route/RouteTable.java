package com.cloudquant.liberator.gateway.route;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explicit allow-list of the Bearer route (docs/gateway.md) and the known
 * write/admin/sensitive endpoints that are refused with 403 rather than 404. Anything
 * else is 404; a wrong method on an allowed path is 405.
 */
@Singleton
public final class RouteTable {

    /** Public prefix of the Bearer route. */
    public static final String PREFIX = "metrics-api-bearer";

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> GET_POST = Set.of("GET", "POST");

    static final List<AllowedRoute> ALLOWED = List.of(
            new AllowedRoute("query", "/api/v1/query", GET_POST),
            new AllowedRoute("query_range", "/api/v1/query_range", GET_POST),
            new AllowedRoute("series", "/api/v1/series", GET_POST),
            new AllowedRoute("labels", "/api/v1/labels", GET_POST),
            new AllowedRoute("label_values", "/api/v1/label/{label}/values", GET_POST),
            new AllowedRoute("query_exemplars", "/api/v1/query_exemplars", GET_POST),
            new AllowedRoute("buildinfo", "/api/v1/status/buildinfo", GET),
            new AllowedRoute("metadata", "/api/v1/metadata", GET),
            new AllowedRoute("rules", "/api/v1/rules", GET),
            new AllowedRoute("federate", "/federate", GET));

    /** Segment prefixes (ignoring ASCII case) refused with 403 whatever follows them. */
    static final List<List<String>> FORBIDDEN = List.of(
            List.of("api", "v1", "admin"),
            List.of("api", "v1", "write"),
            List.of("api", "v1", "read"),
            List.of("api", "v1", "otlp"),
            List.of("api", "v1", "status", "config"),
            List.of("api", "v1", "status", "flags"),
            List.of("api", "v1", "status", "runtimeinfo"),
            List.of("api", "v1", "status", "tsdb"),
            List.of("api", "v1", "status", "walreplay"),
            List.of("api", "v1", "targets"),
            List.of("api", "v1", "scrape_pools"),
            List.of("api", "v1", "alertmanagers"),
            List.of("api", "v1", "notifications"),
            List.of("-"),
            List.of("debug"));

    /**
     * Decides {@code method} on {@code rawPath}: the route and the canonical upstream path,
     * or a {@link GatewayRejection} (400 ambiguous path, 403 forbidden, 404 unknown, 405 method).
     */
    public RouteDecision decide(String method, String rawPath) {
        List<String> segments;
        try {
            segments = PathNormalizer.segments(rawPath);
        } catch (PathNormalizer.MalformedPathException e) {
            throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data",
                    e.getMessage() + ": send the plain path, e.g. /" + PREFIX + "/api/v1/query", "malformed_path");
        }
        boolean underPrefix = !segments.isEmpty() && AsciiCase.equalsIgnoringCase(PREFIX, segments.get(0));
        List<String> api = underPrefix ? segments.subList(1, segments.size()) : segments;
        if (isForbidden(api)) {
            throw new GatewayRejection(HttpStatus.FORBIDDEN, "forbidden",
                    "/" + String.join("/", api) + " is not exposed: the Bearer route is read-only "
                            + "(query, query_range, series, labels, label values, metadata, rules, buildinfo, federate)",
                    "forbidden_path");
        }
        if (underPrefix) {
            for (AllowedRoute route : ALLOWED) {
                String canonical = route.match(api);
                if (canonical != null) {
                    return checkMethod(route, canonical, method);
                }
            }
        }
        throw new GatewayRejection(HttpStatus.NOT_FOUND, "not_found",
                "unknown path: the Bearer route serves /" + PREFIX + "/api/v1/… and /" + PREFIX + "/federate",
                "unknown_path");
    }

    private static RouteDecision checkMethod(AllowedRoute route, String canonical, String method) {
        if (!route.allows(method)) {
            String allow = String.join(", ", new TreeSet<>(route.methods()));
            throw new GatewayRejection(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    method + " is not allowed on " + route.template() + ": use " + allow, "method_not_allowed",
                    Map.of("Allow", allow));
        }
        return new RouteDecision(route, canonical);
    }

    private static boolean isForbidden(List<String> api) {
        for (List<String> forbidden : FORBIDDEN) {
            if (api.size() >= forbidden.size() && startsWithIgnoreCase(api, forbidden)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(List<String> path, List<String> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (!AsciiCase.equalsIgnoringCase(prefix.get(i), path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
