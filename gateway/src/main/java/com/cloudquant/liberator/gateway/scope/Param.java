package com.cloudquant.liberator.gateway.scope;

import java.util.Objects;

/**
 * One decoded request parameter, {@code name=value}, as Prometheus reads it from a query string
 * or a form body.
 */
public record Param(String name, String value) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
