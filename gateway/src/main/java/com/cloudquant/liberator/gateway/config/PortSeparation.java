package com.cloudquant.liberator.gateway.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Refuses to start with the management port equal to the public port: requests on the
 * management port skip authentication (health and metrics), so on the public port that would
 * open everything.
 */
@Context
final class PortSeparation {

    PortSeparation(@Value("${endpoints.all.port:-1}") int managementPort,
                   @Value("${micronaut.server.port:8080}") int publicPort) {
        if (managementPort > 0 && managementPort == publicPort) {
            throw new ConfigurationException("endpoints.all.port (" + managementPort + ") must differ from"
                    + " micronaut.server.port: the management port serves health and metrics without a token");
        }
    }
}
