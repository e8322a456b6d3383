package com.cloudquant.liberator.tokenservice.monitoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.net.URI;
import java.time.Duration;

/**
 * The upstream Prometheus the System Monitoring view summarises.
 *
 * @param prometheusUrl its base URL, e.g. {@code http://localhost:9090}; the view says it is not configured when unset
 * @param timeout       longest wait for one query, its whole answer included, before the view says Prometheus
 *                      is unreachable
 * @param maxAnswerSize most bytes of an answer read whole (the summary, the token list's use, the charts), so a
 *                      hostile or misconfigured upstream cannot fill the heap; the use of 100,000 tokens is ~15 MB
 */
@ConfigurationProperties("liberator.monitoring")
record MonitoringSettings(@Nullable URI prometheusUrl, @Bindable(defaultValue = "2s") Duration timeout,
                          @Bindable(defaultValue = "32MB") @ReadableBytes long maxAnswerSize,
                          @Bindable(defaultValue = "30d") Duration unusedAfter) {

    MonitoringSettings {
        if (maxAnswerSize <= 0) {
            throw new IllegalArgumentException("liberator.monitoring.max-answer-size must be > 0, e.g. 32MB, got "
                    + maxAnswerSize);
        }
    }
}
