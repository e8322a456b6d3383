package com.cloudquant.liberator.tokenservice.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a scope sees in the upstream Prometheus over {@code window}, asked the way the gateway asks
 * for a scoped token (the canonical scope as the only {@code match[]}).
 *
 * @param series           how many series; when {@code seriesCapped}, there are more than this
 * @param metricNames      the first metric names in sorted order, at most {@link ScopePreviews#NAMES_SHOWN}
 * @param metricNamesTotal how many metric names in all
 */
@Serdeable
record ScopePreview(String scope, long series, boolean seriesCapped,
                    @JsonInclude(JsonInclude.Include.ALWAYS) List<String> metricNames, // [] rather than left out
                    long metricNamesTotal, String window) {
}
