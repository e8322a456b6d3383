package com.cloudquant.liberator.gateway.scope;

/**
 * An upstream answer after the scope's filter.
 *
 * @param body       the answer to send the client
 * @param violations entries the rewritten request should never have let through (series, values,
 *                   samples outside the scope), dropped; 0 unless the rewrite or the upstream is wrong
 */
public record Filtered(byte[] body, int violations) {
}
