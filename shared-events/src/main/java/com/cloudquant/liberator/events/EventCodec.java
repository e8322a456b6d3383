package com.cloudquant.liberator.events;

import com.cloudquant.liberator.promql.PromQLException;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes {@link EventEnvelope}s to the record value written to Kafka and decodes them
 * back. The value is canonical JSON (see {@code docs/event-schema.md}): decoding ignores
 * unknown fields, returns unknown event types as {@link DecodedRecord.UnknownEvent}, and
 * reports anything else wrong as {@link DecodedRecord.Malformed} naming the offset. It
 * never throws on bad input.
 */
public final class EventCodec {

    private static final System.Logger LOG = System.getLogger(EventCodec.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * A field twice is refused (the reader and an auditor's tool could read different values):
     * in {@code data} by the tree reader, in the envelope by {@link EnvelopeReader}. The parser's
     * own duplicate detection would do both but costs a set per object of every record.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> WARNED_TYPES = ConcurrentHashMap.newKeySet();

    private EventCodec() {
    }

    /** The full record value: canonical JSON of all twelve envelope fields. */
    public static byte[] encode(EventEnvelope envelope) {
        return write(envelope, true);
    }

    /**
     * The bytes the hash covers after {@code prevHash}: canonical JSON of exactly
     * {@code schemaVersion, seq, eventId, type, tokenId, occurredAt, actor, data}.
     */
    public static byte[] canonicalBody(EventEnvelope envelope) {
        return write(envelope, false);
    }

    /** Throws where {@link #canonicalBody} would, without building it (occurredAt is ours to format). */
    private static void checkBody(EventEnvelope e) {
        CanonicalJson.check(e.actor());
        if (e.data() != null) {
            CanonicalJson.check(e.data());
        }
        CanonicalJson.check(e.eventId());
        CanonicalJson.check(e.tokenId());
        CanonicalJson.check(e.type());
    }

    /**
     * Canonical JSON written field by field: the key set is fixed, so its sorted order is
     * too (actor, data, eventId, hash, keyId, occurredAt, prevHash, schemaVersion, seq,
     * signature, tokenId, type). This runs once per record on every rebuild and audit, which
     * is why it does not build a tree and sort it. {@code EventSchemaDocumentationTest}
     * checks the bytes against jq's.
     */
    private static byte[] write(EventEnvelope e, boolean sealed) {
        StringBuilder out = new StringBuilder(sealed ? 512 : 320);
        out.append("{\"actor\":");
        CanonicalJson.string(e.actor(), out);
        out.append(",\"data\":");
        if (e.data() == null) {
            out.append("{}");
        } else {
            CanonicalJson.write(e.data(), out);
        }
        out.append(",\"eventId\":");
        CanonicalJson.string(e.eventId(), out);
        if (sealed) {
            out.append(",\"hash\":");
            CanonicalJson.string(e.hash(), out);
            out.append(",\"keyId\":");
            CanonicalJson.string(e.keyId(), out);
        }
        out.append(",\"occurredAt\":");
        CanonicalJson.string(formatInstant(e.occurredAt()), out);
        if (sealed) {
            out.append(",\"prevHash\":");
            CanonicalJson.string(e.prevHash(), out);
        }
        out.append(",\"schemaVersion\":").append(e.schemaVersion());
        out.append(",\"seq\":").append(e.seq());
        if (sealed) {
            out.append(",\"signature\":");
            CanonicalJson.string(e.signature(), out);
        }
        out.append(",\"tokenId\":");
        CanonicalJson.string(e.tokenId(), out);
        out.append(",\"type\":");
        CanonicalJson.string(e.type(), out);
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Formats an instant the one way the log writes instants. */
    public static String formatInstant(Instant instant) {
        return LogInstant.format(instant);
    }

    /** The {@code data} object of an event (fields not already in the envelope). */
    public static ObjectNode dataOf(TokenEvent event) {
        ObjectNode data = NODES.objectNode();
        // Java 17 has no pattern switch; TokenEvent is sealed to exactly these two.
        if (event instanceof TokenIssued issued) {
            data.put("consumer", issued.consumer());
            data.put("tokenHash", issued.tokenHash());
            data.put("hint", issued.hint());
            if (issued.expiresAt() != null) {
                data.put("expiresAt", formatInstant(issued.expiresAt()));
            }
            // absent when there is none, so an event without a key hashes as it always did
            if (issued.idempotencyKey() != null) {
                data.put("idempotencyKey", issued.idempotencyKey());
            }
            // likewise absent for an unscoped token: every event from before scopes hashes as it did
            issued.canonicalScope().ifPresent(scope -> data.put("scope", scope));
            // and absent with the gateway's default limits: only what the issuer overrode is written
            if (!issued.limits().isNone()) {
                ObjectNode limits = data.putObject("limits");
                issued.limits().canonical().forEach(limits::put);
            }
        } else {
            data.put("reason", ((TokenRevoked) event).reason());
        }
        return data;
    }

    /** The {@code data} object of a key rotation: the new key's id and PEM, and the reason. */
    public static ObjectNode dataOf(SigningKeyRotated rotation) {
        ObjectNode data = NODES.objectNode();
        data.put("newKeyId", rotation.newKeyId());
        data.put("publicKey", Ed25519Keys.publicKeyPem(rotation.newPublicKey()));
        data.put("reason", rotation.reason());
        return data;
    }

    /** Decodes one record value. {@code offset} is only used to name the record in errors. */
    public static DecodedRecord decode(long offset, byte[] value) {
        return decode(offset, value, value == null ? 0 : value.length);
    }

    /**
     * Decodes the record value between {@code value}'s position and limit, leaving both as they
     * are: Kafka hands values over as (read-only) views of the fetched bytes, and copying each
     * into an array of its own cost a tenth of everything a rebuild allocates, so they are copied
     * into one array per thread instead. Nothing decoded keeps the bytes.
     */
    public static DecodedRecord decode(long offset, ByteBuffer value) {
        if (value == null) {
            return decode(offset, null, 0);
        }
        int length = value.remaining();
        byte[] scratch = SCRATCH.get();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
            SCRATCH.set(scratch);
        }
        value.get(value.position(), scratch, 0, length);
        return decode(offset, scratch, length);
    }

    /** Per thread: the bytes of the record being decoded, copied out of Kafka's buffer. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    /** Decodes {@code value[0, length)}. */
    private static DecodedRecord decode(long offset, byte[] value, int length) {
        if (value == null || length == 0) {
            return new DecodedRecord.Malformed(offset, "empty record value (tombstone?)");
        }
        EnvelopeReader.Read read;
        try (JsonParser parser = MAPPER.getFactory().createParser(value, 0, length)) {
            read = EnvelopeReader.read(parser);
        } catch (JsonProcessingException e) {
            return new DecodedRecord.Malformed(offset, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new DecodedRecord.Malformed(offset, "unreadable value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new DecodedRecord.Malformed(offset, e.getMessage());
        }
        EventEnvelope envelope = read.envelope();
        try {
            // Every reader hashes what it decodes: a body that has no canonical form (a float,
            // a lone surrogate) must be Malformed here, not an exception in the reader's loop.
            checkBody(envelope);
            boolean hashMatches = BodyHash.matches(value, length, read.nameOffsets(), envelope);
            if (!isKnownType(envelope.type())) {
                if (WARNED_TYPES.add(envelope.type())) {
                    LOG.log(System.Logger.Level.WARNING,
                            "skipping unknown event type={0} first seen at offset={1}; upgrade this reader to apply it",
                            Printable.line(envelope.type()), offset);
                }
                return new DecodedRecord.UnknownEvent(offset, envelope, hashMatches);
            }
            if (SigningKeyRotated.TYPE.equals(envelope.type())) {
                return new DecodedRecord.KeyRotation(offset, envelope, rotationOf(envelope), hashMatches);
            }
            return new DecodedRecord.KnownEvent(offset, envelope, eventOf(envelope), hashMatches);
        } catch (IllegalArgumentException e) {
            return new DecodedRecord.Malformed(offset, e.getMessage());
        } catch (RuntimeException e) {
            // whatever else a hostile value provokes in the event's own parsing: a reader must skip it, not die
            return new DecodedRecord.Malformed(offset, "event data cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static boolean isKnownType(String type) {
        return TokenIssued.TYPE.equals(type) || TokenRevoked.TYPE.equals(type) || SigningKeyRotated.TYPE.equals(type);
    }

    private static SigningKeyRotated rotationOf(EventEnvelope e) {
        JsonNode data = e.data();
        return new SigningKeyRotated(text(data, "newKeyId"), Ed25519Keys.publicKeyFromPem(text(data, "publicKey")),
                data.has("reason") ? text(data, "reason") : "", e.actor(), e.occurredAt());
    }

    private static TokenEvent eventOf(EventEnvelope e) {
        JsonNode data = e.data();
        return switch (e.type()) {
            case TokenIssued.TYPE -> new TokenIssued(
                    e.tokenId(),
                    text(data, "consumer"),
                    text(data, "tokenHash"),
                    text(data, "hint"),
                    data.has("expiresAt") ? instant(data, "expiresAt") : null,
                    e.actor(),
                    e.occurredAt(),
                    data.has("idempotencyKey") ? text(data, "idempotencyKey") : null,
                    data.has("scope") ? scope(text(data, "scope")) : Scope.NONE,
                    data.has("limits") ? limits(data.get("limits")) : TokenLimits.NONE);
            case TokenRevoked.TYPE -> new TokenRevoked(
                    e.tokenId(), e.actor(), e.occurredAt(),
                    data.has("reason") ? text(data, "reason") : "");
            default -> throw new IllegalArgumentException("unknown event type " + e.type());
        };
    }

    /**
     * A {@code TokenIssued}'s scope as the log must hold it: a scope that parses, written exactly
     * in its canonical form (so never empty). Anything else makes the record malformed, which no
     * reader applies: two readers must never disagree on what a token may see, and a form this
     * reader cannot check might be read more widely than it was meant.
     */
    private static Scope scope(String text) {
        Scope scope;
        try {
            scope = Scope.parse(text);
        } catch (PromQLException e) {
            throw new IllegalArgumentException("field 'scope' is not a valid scope " + e.getMessage());
        }
        if (!scope.canonical().equals(text)) {
            throw new IllegalArgumentException("field 'scope' is not in canonical form, which is " + scope.canonical());
        }
        return scope;
    }

    /**
     * A {@code TokenIssued}'s limits as the log must hold them: an object of known limits, each a
     * string in its canonical form. Anything else makes the record malformed, which no reader
     * applies: a limit a reader would read differently (or not at all) is not granted.
     */
    private static TokenLimits limits(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("field 'limits' must be an object");
        }
        Map<String, String> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), text(node, field.getKey(), "limits." + field.getKey()));
        }
        return TokenLimits.fromLog(values);
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String shownAs) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + shownAs + "' must be a string");
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String field) {
        return LogInstant.parse(field, text(node, field));
    }
}
