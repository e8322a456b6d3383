package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TrustedKeys;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for which key signs the next record: a key the verified chain names as valid at
 * that {@code seq}, never a retired one. Starts with the configured key; when the chain has
 * rotated past it, loads the current key from the {@link SigningKeyDirectory} by id, and when
 * this service holds no current key, refuses the write naming the key and the file it needs.
 * Not thread-safe: the storage engine serialises its use.
 */
final class CurrentSigner {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentSigner.class);

    private final SigningKeyDirectory keys;
    private AuditChain chain;

    /** @param keys where rotated keys are; null for an engine that only replays (it signs with {@code configured} only) */
    CurrentSigner(AuditChain configured, SigningKeyDirectory keys) {
        this.chain = configured;
        this.keys = keys;
    }

    /**
     * The chain to seal record {@code nextSeq} with, under {@code valid}, the keys as the
     * verified chain has them.
     *
     * @throws SigningKeyUnavailableException when this service holds no key valid at {@code nextSeq}
     */
    AuditChain chainFor(TrustedKeys valid, long nextSeq) {
        if (valid.validAt(chain.keyId(), nextSeq)) {
            return chain;
        }
        List<String> current = valid.validKeyIdsAt(nextSeq);
        for (String keyId : current) {
            Optional<EventSigner> signer = keys == null ? Optional.empty() : keys.signerFor(keyId, valid);
            if (signer.isPresent()) {
                LOG.info("decision=signing-key-selected key_id={} from_seq={} replaces={}", keyId, nextSeq, chain.keyId());
                chain = new AuditChain(signer.get());
                return chain;
            }
        }
        String file = keys == null || current.isEmpty() ? "signing-key-<keyId>.pem" : keys.fileOf(current.get(0)).toString();
        throw new SigningKeyUnavailableException("the log names signing key " + current + " as current from seq " + nextSeq
                + ", but this service holds the private key for " + chain.keyId() + " only, which the log retired; it will"
                + " not sign with a retired key. Put the current key's file (" + file + ") into "
                + (keys == null ? "the key directory" : keys.directory()) + " (the directory of"
                + " liberator.signing.private-key-file); nothing was recorded");
    }

    /** Where rotations write new keys, or null when this signer cannot rotate. */
    SigningKeyDirectory directory() {
        return keys;
    }
}
