package com.cloudquant.liberator.tokenservice.command;

import java.util.Optional;

/**
 * What issuing and revoking need to know from the log before they decide, beyond what Axon
 * loads: that the service has read it to its end (or a refusal, which the API answers with
 * 503), and which token an idempotency key already issued. The storage engine implements it.
 */
public interface IssueLedger {

    /**
     * Reads the log to its end and proves this instance is still the writer, or throws the
     * refusal (Kafka unreachable, someone's open transaction, fenced, halted, an unaudited record).
     */
    void requireCurrent();

    /**
     * Reads the log to its end so that a lookup does not answer "no such token" from a stale
     * index; unlike {@link #requireCurrent()} it does not need this instance to be the writer.
     */
    void readToEnd();

    /** After {@link #requireCurrent()}: the token {@code actor} issued with {@code idempotencyKey}, if the log holds one. */
    Optional<String> issuedWith(String actor, String idempotencyKey);
}
