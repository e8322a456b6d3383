package com.cloudquant.liberator.audit.verify;

/**
 * How many Ed25519 signatures a replay checks. Both check every record's schema version, hash,
 * key id, {@code seq} and {@code prevHash}, and both name the same first forged record.
 */
public enum Signatures {

    /**
     * One per run of records signed by the same key (its last record, and the record before each
     * key rotation), with shared-events' {@code RunVerifier}: each hash covers its predecessor,
     * so that signature vouches for the whole run. A failed run is binary-searched.
     */
    ONE_PER_RUN("one per run"),

    /** Every record's own signature, with shared-events' {@code ChainVerifier}. */
    EVERY_RECORD("every record");

    private final String label;

    Signatures(String label) {
        this.label = label;
    }

    /** As printed in the output, e.g. {@code "one per run"}. */
    public String label() {
        return label;
    }
}
