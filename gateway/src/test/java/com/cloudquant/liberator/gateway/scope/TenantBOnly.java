package com.cloudquant.liberator.gateway.scope;

import com.cloudquant.liberator.gateway.scope.TwoTenantData.Target;

/**
 * What only tenant B has: metric names ({@code risk_*}), label names ({@code desk}, {@code model})
 * and their values. A leak of any of these to tenant A's token is visible by name alone.
 */
final class TenantBOnly {

    private TenantBOnly() {
    }

    static void addTo(TwoTenantData d, Target pricer) {
        for (String desk : new String[] {"fx-options", "rates"}) {
            d.counter("risk_secret_total", "Positions priced, by desk.", pricer.labels("desk", desk),
                    "rates".equals(desk) ? 1.75 : 0.6);
            d.gauge("risk_exposure_ratio", "Net exposure over limit, by desk.", pricer.labels("desk", desk),
                    "rates".equals(desk) ? 0.2 : -0.3, 0.6);
        }
        d.histogram("risk_model_latency_seconds", "How long a model run took.", pricer.labels("model", "var-montecarlo"),
                0.5, FixtureApps.SECONDS_LE, FixtureApps.SECONDS_SHARES, 0.6);
    }
}
