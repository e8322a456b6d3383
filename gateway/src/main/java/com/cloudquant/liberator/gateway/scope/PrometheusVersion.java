package com.cloudquant.liberator.gateway.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream's version as {@code /api/v1/status/buildinfo} states it, and whether it honours
 * {@code match[]} on its label APIs ({@code labels}, {@code label/<name>/values}): Prometheus
 * 2.24 and later. An older one ignores the parameter and would list every tenant's labels.
 *
 * @param version the version string as reported, e.g. {@code 2.42.0}; {@code "unknown"} if none
 * @param labelMatchers whether it is a version known to honour {@code match[]} there
 */
public record PrometheusVersion(String version, boolean labelMatchers) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})(?:\\.|$|[-+])");
    private static final int MINOR_WITH_LABEL_MATCHERS = 24;

    /** Reads a buildinfo answer; a version it cannot read is treated as one without label matchers. */
    public static PrometheusVersion fromBuildinfo(byte[] answer) {
        JsonNode version = JsonAnswers.read(answer).path("data").path("version");
        return of(version.isTextual() ? version.asText() : "unknown");
    }

    public static PrometheusVersion of(String version) {
        Matcher m = MAJOR_MINOR.matcher(version);
        if (!m.find()) {
            return new PrometheusVersion(version, false);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return new PrometheusVersion(version, major > 2 || major == 2 && minor >= MINOR_WITH_LABEL_MATCHERS);
    }
}
