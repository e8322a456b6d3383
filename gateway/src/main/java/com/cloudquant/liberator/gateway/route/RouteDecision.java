package com.cloudquant.liberator.gateway.route;

/**
 * An allowed request: which route, and the canonical path to send upstream.
 *
 * @param route        the allow-list entry that matched
 * @param upstreamPath canonical path below the upstream base URL, e.g. {@code /api/v1/query}
 */
public record RouteDecision(AllowedRoute route, String upstreamPath) {
}
