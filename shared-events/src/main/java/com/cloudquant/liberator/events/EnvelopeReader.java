package com.cloudquant.liberator.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads an envelope straight off the parser's token stream, without building a tree for
 * the whole record (only {@code data} becomes one): decoding runs once per record on every
 * rebuild and audit. Unknown fields are skipped; duplicate fields are rejected by the
 * parser. Throws {@link IllegalArgumentException} naming the field that is wrong.
 */
final class EnvelopeReader {

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

    private EnvelopeReader() {
    }

    static EventEnvelope read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("value is not a JSON object");
        }
        EnvelopeReader reader = new EnvelopeReader();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            reader.field(name, parser);
        }
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException("trailing content after the JSON object");
        }
        return reader.envelope();
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
                EventCodec.instant("occurredAt", occurredAt), actor, data, prevHash, hash, keyId, signature);
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
