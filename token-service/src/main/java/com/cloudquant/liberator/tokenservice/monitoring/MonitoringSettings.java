package com.cloudquant.liberator.tokenservice.monitoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * The upstream Prometheus the System Monitoring view summarises.
 *
 * @param prometheusUrl its base URL, e.g. {@code http://localhost:9090}; the view says it is not configured when unset
 * @param timeout       longest wait for one query before the view says Prometheus is unreachable
 */
@ConfigurationProperties("liberator.monitoring")
record MonitoringSettings(@Nullable URI prometheusUrl, @Bindable(defaultValue = "2s") Duration timeout) {
}
