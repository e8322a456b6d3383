package com.cloudquant.liberator.gateway.route;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One allow-listed Prometheus endpoint: its path template ({@code {label}} stands for a
 * label name) and the methods it accepts.
 *
 * @param name     metrics tag and log name, e.g. {@code query_range}
 * @param template path below the public prefix, e.g. {@code /api/v1/label/{label}/values}
 * @param methods  accepted methods
 */
public record AllowedRoute(String name, String template, Set<String> methods) {

    /** Prometheus label names (legacy charset; UTF-8 names arrive {@code U__}-escaped in this charset). */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final String LABEL = "{label}";

    public AllowedRoute {
        methods = Set.copyOf(methods);
    }

    List<String> templateSegments() {
        return List.of(template.substring(1).split("/"));
    }

    /**
     * The canonical upstream path if {@code segments} spell this route (constant segments
     * ignoring ASCII case only: {@code ſ} is not {@code s}), else {@code null}. Built from the template, so the forwarded
     * path is exactly what was decided on.
     */
    String match(List<String> segments) {
        List<String> expected = templateSegments();
        if (segments.size() != expected.size()) {
            return null;
        }
        StringBuilder canonical = new StringBuilder(template.length() + 16);
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = segments.get(i);
            if (want.equals(LABEL)) {
                if (!LABEL_NAME.matcher(got).matches()) {
                    return null;
                }
                canonical.append('/').append(got);
            } else if (AsciiCase.equalsIgnoringCase(want, got)) {
                canonical.append('/').append(want);
            } else {
                return null;
            }
        }
        return canonical.toString();
    }

    /** Methods are case-sensitive (RFC 9110): {@code get} is not {@code GET}. */
    boolean allows(String method) {
        return methods.contains(method);
    }
}
