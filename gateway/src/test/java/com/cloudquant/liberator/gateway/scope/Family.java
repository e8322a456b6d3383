package com.cloudquant.liberator.gateway.scope;

/**
 * A metric family of the two-tenant fixture and the metadata its scrape reports (HELP and TYPE),
 * which is what {@code /api/v1/metadata} serves.
 */
record Family(String name, String type, String help) {
}
