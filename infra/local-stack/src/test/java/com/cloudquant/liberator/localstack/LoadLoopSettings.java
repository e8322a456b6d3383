package com.cloudquant.liberator.localstack;

import java.util.HashMap;
import java.util.Map;

/**
 * Gateway settings for stacks whose tests send one token's queries back to back (a {@link RequestLoop}
 * measures availability through faults): the per-token request rate (docs/gateway.md, "Query limits")
 * would answer such a loop 429 within seconds. The rate limit's own tests are the gateway module's.
 */
final class LoadLoopSettings {

    static final Map<String, String> GATEWAY = Map.of(
            "liberator.gateway.limits.rate-per-second", "1000000",
            "liberator.gateway.limits.burst", "1000000");

    private LoadLoopSettings() {
    }

    /** {@link #GATEWAY} with {@code more}. */
    static Map<String, String> gatewayWith(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(GATEWAY);
        all.putAll(more);
        return all;
    }
}
