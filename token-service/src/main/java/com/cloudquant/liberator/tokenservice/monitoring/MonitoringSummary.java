package com.cloudquant.liberator.tokenservice.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A few numbers from the upstream Prometheus, or why there are none. A {@code null} number means
 * Prometheus has no data for it yet (e.g. the gateway has served nothing).
 *
 * @param state   {@code ok}, {@code not-configured} or {@code unreachable}
 * @param message what the page shows when the state is not {@code ok}
 */
@Serdeable
record MonitoringSummary(String state, @Nullable String prometheusUrl, @Nullable Double targetsUp,
                         @Nullable Double targetsTotal, @Nullable Double requestsPerSecond,
                         @Nullable Double authFailuresLastHour, @Nullable String message) {

    static MonitoringSummary notConfigured() {
        return new MonitoringSummary("not-configured", null, null, null, null, null,
                "No Prometheus is configured: set liberator.monitoring.prometheus-url to show live numbers here.");
    }

    static MonitoringSummary unreachable(String url, String why) {
        return new MonitoringSummary("unreachable", url, null, null, null, null,
                "Prometheus at " + url + " is unreachable (" + why + "); the numbers will return when it answers.");
    }
}
