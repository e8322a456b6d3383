package com.cloudquant.liberator.tokenservice.monitoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Token hygiene in the token list ({@code liberator.monitoring.*}, beside the Prometheus it reads use from).
 *
 * @param unusedAfter a token not used for this long (or never used, and issued longer ago) is flagged
 *                    {@code unused} in the list; nothing is revoked automatically. Also how far back
 *                    "Last used" looks: keep it within the Prometheus retention
 */
@ConfigurationProperties("liberator.monitoring")
record UsageSettings(@Bindable(defaultValue = "30d") Duration unusedAfter) {
}
