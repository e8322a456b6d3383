package com.cloudquant.liberator.edge;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * {@value TrustedProxies#SETTING}, read at start-up by both services (the bean definition is
 * generated here, as {@link ManagementListener}'s): a bad entry stops the service, naming it.
 */
@Factory
final class TrustedProxiesFactory {

    @Context // eager: bad configuration must stop start-up, not the first request
    TrustedProxies trustedProxies(@Property(name = TrustedProxies.SETTING) @Nullable List<String> entries) {
        try {
            return entries == null ? TrustedProxies.none() : TrustedProxies.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
