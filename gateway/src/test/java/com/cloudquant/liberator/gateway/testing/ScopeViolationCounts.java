package com.cloudquant.liberator.gateway.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code liberator_gateway_scope_violations_total} by route, as a replica's management port exposes it. */
public final class ScopeViolationCounts {

    private static final Pattern COUNTER = Pattern.compile("liberator_gateway_scope_violations_total\\{route=\"(\\w+)\",?} (\\S+)");

    private ScopeViolationCounts() {
    }

    public static Map<String, Double> of(GatewayHarness gateway) {
        String metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/prometheus")).GET()).body();
        Map<String, Double> byRoute = new TreeMap<>();
        Matcher counters = COUNTER.matcher(metrics);
        while (counters.find()) {
            byRoute.put(counters.group(1), Double.parseDouble(counters.group(2)));
        }
        return byRoute;
    }
}
