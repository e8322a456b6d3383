package com.cloudquant.liberator.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Reads an envelope straight off the parser's token stream, without building a tree for
 * the whole record (only {@code data} becomes one): decoding runs once per record on every
 * rebuild and audit. Unknown fields are skipped; a known field twice is refused (in {@code data}, by the
 * tree reader). Throws {@link IllegalArgumentException} naming the field that is wrong.
 *
 * <p>It also notes where each field's name starts in the value when the twelve fields come in
 * the order the encoder writes them and nothing else is there ({@link BodyHash} hashes the
 * body straight from those bytes).
 */
final class EnvelopeReader {

    /** The envelope's fields in the order {@link EventCodec#encode} writes them (sorted). */
    static final List<String> FIELD_ORDER = List.of(
            "actor", "data", "eventId", "hash", "keyId", "occurredAt",
            "prevHash", "schemaVersion", "seq", "signature", "tokenId", "type");

    private int schemaVersion = -1;
    private long seq = -1;
    private String eventId;
    private String type;
    private String tokenId;
    private String occurredAt;
    private String actor;
    private JsonNode data;
    private String prevHash;
    private String hash;
    private String keyId;
    private String signature;
    private boolean hasSchemaVersion;
    private boolean hasSeq;
    private final int[] nameOffsets = new int[FIELD_ORDER.size()];
    private int fieldsInOrder;
    private int fieldsSeen;
    private boolean inEncoderOrder = true;

    private EnvelopeReader() {
    }

    /**
     * What {@link #read} found.
     *
     * @param envelope    the envelope
     * @param nameOffsets where each field's name starts (its opening quote), in
     *                    {@link #FIELD_ORDER}; null unless the value holds exactly those fields in that order
     */
    record Read(EventEnvelope envelope, int[] nameOffsets) {
    }

    static Read read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("value is not a JSON object");
        }
        EnvelopeReader reader = new EnvelopeReader();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            reader.noteField(name, parser.currentTokenLocation().getByteOffset());
            parser.nextToken();
            reader.field(name, parser);
        }
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException("trailing content after the JSON object");
        }
        boolean complete = reader.inEncoderOrder && reader.fieldsInOrder == FIELD_ORDER.size();
        return new Read(reader.envelope(), complete ? reader.nameOffsets : null);
    }

    private void noteField(String name, long byteOffset) {
        int known = FIELD_ORDER.indexOf(name);
        if (known >= 0) {
            if ((fieldsSeen & (1 << known)) != 0) {
                throw new IllegalArgumentException("Duplicate field '" + name + "'");
            }
            fieldsSeen |= 1 << known;
        }
        if (inEncoderOrder && known == fieldsInOrder
                && byteOffset >= 0 && byteOffset <= Integer.MAX_VALUE) {
            nameOffsets[fieldsInOrder++] = (int) byteOffset;
        } else {
            inEncoderOrder = false;
        }
    }

    private void field(String name, JsonParser parser) throws IOException {
        switch (name) {
            case "schemaVersion" -> {
                long version = integer(name, parser);
                if (version < Integer.MIN_VALUE || version > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("field 'schemaVersion' is out of range");
                }
                schemaVersion = (int) version;
                hasSchemaVersion = true;
            }
            case "seq" -> {
                seq = integer(name, parser);
                hasSeq = true;
            }
            case "eventId" -> eventId = text(name, parser);
            case "type" -> type = text(name, parser);
            case "tokenId" -> tokenId = text(name, parser);
            case "occurredAt" -> occurredAt = text(name, parser);
            case "actor" -> actor = text(name, parser);
            case "data" -> {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("field 'data' must be a JSON object");
                }
                data = EventCodec.MAPPER.readTree(parser);
            }
            case "prevHash" -> prevHash = text(name, parser);
            case "hash" -> hash = text(name, parser);
            case "keyId" -> keyId = text(name, parser);
            case "signature" -> signature = text(name, parser);
            default -> parser.skipChildren();
        }
    }

    /** Checks presence in the order the tree-based reader did, so messages stay the same. */
    private EventEnvelope envelope() {
        if (data == null) {
            throw new IllegalArgumentException("field 'data' must be a JSON object");
        }
        require(hasSchemaVersion, "schemaVersion", "an integer");
        require(hasSeq, "seq", "an integer");
        require(eventId != null, "eventId", "a string");
        require(type != null, "type", "a string");
        require(tokenId != null, "tokenId", "a string");
        require(occurredAt != null, "occurredAt", "a string");
        require(actor != null, "actor", "a string");
        require(prevHash != null, "prevHash", "a string");
        require(hash != null, "hash", "a string");
        require(keyId != null, "keyId", "a string");
        require(signature != null, "signature", "a string");
        return new EventEnvelope(schemaVersion, seq, eventId, type, tokenId,
                LogInstant.parse("occurredAt", occurredAt), actor, data, prevHash, hash, keyId, signature);
    }

    private static void require(boolean present, String field, String kind) {
        if (!present) {
            throw new IllegalArgumentException("field '" + field + "' must be " + kind);
        }
    }

    private static String text(String name, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return parser.getText();
    }

    private static long integer(String name, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer");
        }
        return parser.getLongValue();
    }
}
