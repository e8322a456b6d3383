package com.cloudquant.liberator.audit.testing;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/** What someone with write access to the topic, but not the signing key, could write. */
public final class Forgery {

    private Forgery() {
    }

    /** Changes one {@code data} field and keeps the old hash and signature. */
    public static byte[] alteredKeepingHash(byte[] value, String field, String newValue) {
        EventEnvelope e = envelope(value);
        return EventCodec.encode(withData(e, field, newValue, e.hash(), e.keyId(), e.signature()));
    }

    /** Changes one {@code data} field and recomputes the hash, but cannot re-sign it. */
    public static byte[] alteredWithRecomputedHash(byte[] value, String field, String newValue) {
        EventEnvelope e = envelope(value);
        EventEnvelope altered = withData(e, field, newValue, e.hash(), e.keyId(), e.signature());
        return EventCodec.encode(withData(e, field, newValue, AuditChain.hashOf(altered), e.keyId(), e.signature()));
    }

    /** Changes one {@code data} field, recomputes the hash and signs it with a key nobody trusts. */
    public static byte[] alteredAndSignedBy(EventSigner stranger, byte[] value, String field, String newValue) {
        EventEnvelope e = envelope(value);
        String hash = AuditChain.hashOf(withData(e, field, newValue, e.hash(), e.keyId(), e.signature()));
        return EventCodec.encode(withData(e, field, newValue, hash, stranger.keyId(), stranger.sign(hash)));
    }

    /**
     * Changes one {@code data} field of {@code values[from]} and re-chains every record from it on
     * (hash recomputed, {@code prevHash} the forged predecessor's), as anyone with write access
     * can; the signatures stay the old ones, as nobody without the key can do better.
     */
    public static void rewrittenTailWithoutTheKey(List<byte[]> values, int from, String field, String newValue) {
        String prevHash = envelope(values.get(from)).prevHash();
        for (int i = from; i < values.size(); i++) {
            EventEnvelope e = envelope(values.get(i));
            EventEnvelope relinked = new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(),
                    e.occurredAt(), e.actor(), e.data(), prevHash, e.hash(), e.keyId(), e.signature());
            if (i == from) {
                relinked = withData(relinked, field, newValue, e.hash(), e.keyId(), e.signature());
            }
            String hash = AuditChain.hashOf(relinked);
            values.set(i, EventCodec.encode(new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(),
                    e.tokenId(), e.occurredAt(), e.actor(), relinked.data(), prevHash, hash, e.keyId(), e.signature())));
            prevHash = hash;
        }
    }

    /** Unchanged content under the signature of another record: only the signature is wrong. */
    public static byte[] withSignatureOf(byte[] value, byte[] other) {
        EventEnvelope e = envelope(value);
        return EventCodec.encode(new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(),
                e.occurredAt(), e.actor(), e.data(), e.prevHash(), e.hash(), e.keyId(), envelope(other).signature()));
    }

    /** The first half of the value: JSON cut off mid-way. */
    public static byte[] truncated(byte[] value) {
        return Arrays.copyOf(value, value.length / 2);
    }

    private static EventEnvelope withData(EventEnvelope e, String field, String newValue, String hash,
            String keyId, String signature) {
        ObjectNode data = e.data().deepCopy();
        data.put(field, newValue);
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                e.actor(), data, e.prevHash(), hash, keyId, signature);
    }

    private static EventEnvelope envelope(byte[] value) {
        return EventCodec.decode(0, value).wellFormedEnvelope()
                .orElseThrow(() -> new IllegalArgumentException("not an envelope"));
    }
}
