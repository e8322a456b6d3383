package com.cloudquant.liberator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of a Grafana dashboard, as Prometheus would receive them from Grafana:
 * Grafana's built-in interval variables are replaced by what Grafana puts in for a datasource
 * whose scrape interval is 30 s. Every panel target with an {@code expr} counts, including
 * those of panels nested in collapsed rows, in the dashboard's order.
 *
 * <p>The gateway dashboard shipped in {@code infra/grafana/dashboards} is packaged with this
 * module, so a test anywhere can run its queries through a real gateway:
 * {@code DashboardQueries.gatewayDashboard()}.
 */
public final class DashboardQueries {

    /** Classpath location of {@code infra/grafana/dashboards/liberator-gateway.json}. */
    public static final String GATEWAY_DASHBOARD = "liberator/grafana/dashboards/liberator-gateway.json";

    /**
     * Grafana's values for its interval variables with {@code timeInterval: 30s} (the
     * provisioned datasource): {@code $__rate_interval} is at least four scrape intervals.
     */
    public static final Map<String, String> GRAFANA_VARIABLES = variables();

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(__[a-z_]+|[A-Za-z_][A-Za-z0-9_]*)}?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardQueries() {
    }

    /** The expressions of the shipped gateway dashboard, read from the classpath. */
    public static List<String> gatewayDashboard() {
        try (InputStream in = DashboardQueries.class.getClassLoader().getResourceAsStream(GATEWAY_DASHBOARD)) {
            if (in == null) {
                throw new IllegalStateException(GATEWAY_DASHBOARD + " is not on the classpath: depend on "
                        + "com.cloudquant.liberator:deploy (it packages infra/grafana/dashboards)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + GATEWAY_DASHBOARD, e);
        }
    }

    /** The expressions of the dashboard JSON file {@code dashboard}. */
    public static List<String> of(Path dashboard) {
        try {
            return parse(Files.readString(dashboard));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + dashboard, e);
        }
    }

    /**
     * The expressions of a dashboard's JSON text.
     *
     * @throws IllegalArgumentException if the text is not JSON, or an expression uses a variable
     *                                  other than Grafana's interval variables (the dashboard would
     *                                  then depend on a template variable it cannot be tested with)
     */
    public static List<String> parse(String dashboardJson) {
        JsonNode root;
        try {
            root = JSON.readTree(dashboardJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the dashboard is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the dashboard must be a JSON object with \"panels\"");
        }
        List<String> expressions = new ArrayList<>();
        collect(root.path("panels"), expressions);
        return List.copyOf(expressions);
    }

    /** {@code expr} with Grafana's interval variables replaced, as Prometheus receives it. */
    public static String substitute(String expr) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = GRAFANA_VARIABLES.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unsupported variable " + matcher.group()
                        + " in `" + expr + "`: use only " + GRAFANA_VARIABLES.keySet());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    expressions.add(substitute(expr));
                }
            }
            collect(panel.path("panels"), expressions);
        }
    }

    private static Map<String, String> variables() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__rate_interval", "2m");
        values.put("__interval", "30s");
        values.put("__range", "1h");
        return Map.copyOf(values);
    }
}
