package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TrustedKeys;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The audit view of the log: raw records for auditors, and a fresh chain check of the whole topic. */
@Singleton
public class AuditLog {

    private final TokenLogClients clients;
    private final KafkaEventStorageEngine engine;
    private final TrustedKeys trustedKeys;

    public AuditLog(TokenLogClients clients, KafkaEventStorageEngine engine, EventSigner signer) {
        this.clients = clients;
        this.engine = engine;
        this.trustedKeys = signer.trustedKeys();
    }

    /** A cursor over the committed records from chain position {@code fromSeq} on, as written. Close it. */
    public LogCursor from(long fromSeq) {
        return new LogCursor(clients, engine.offsetOfSeq(Math.max(1, fromSeq)), fromSeq);
    }

    /** Re-reads the topic from offset 0 and checks every hash, signature and sequence number. */
    public AuditChain.Verification verify() {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        AtomicLong verified = new AtomicLong();
        AtomicReference<ChainBreak> firstBreak = new AtomicReference<>();
        new CommittedLog(clients).read(0, record -> {
            if (firstBreak.get() == null) {
                verifier.accept(record).ifPresentOrElse(firstBreak::set, verified::incrementAndGet);
            }
        });
        return new AuditChain.Verification(verified.get(), verifier.head(), Optional.ofNullable(firstBreak.get()));
    }
}
