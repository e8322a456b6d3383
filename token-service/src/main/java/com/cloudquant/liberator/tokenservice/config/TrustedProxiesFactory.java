package com.cloudquant.liberator.tokenservice.config;

import com.cloudquant.liberator.edge.TrustedProxies;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** {@code liberator.trusted-proxies}, read at start-up: a bad entry stops the service, naming it. */
@Factory
final class TrustedProxiesFactory {

    // the key spelled out (it is TrustedProxies.SETTING) so that the configuration checks see it read here
    @Context // eager: bad configuration must stop start-up, not the first request
    TrustedProxies trustedProxies(@Property(name = "liberator.trusted-proxies") @Nullable List<String> entries) {
        try {
            return entries == null ? TrustedProxies.none() : TrustedProxies.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
