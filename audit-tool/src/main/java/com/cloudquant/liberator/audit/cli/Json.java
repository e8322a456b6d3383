package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.TokenLimits;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The {@code --json} output: one pretty-printed object per run, fields in a stable order. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Verdict fields every command's JSON starts with. */
    static ObjectNode verdict(ReplayOutcome outcome, String topic) {
        ObjectNode node = object();
        node.put("intact", outcome.intact());
        node.put("topic", topic);
        node.put("endOffset", outcome.endOffset());
        node.put("verifiedRecords", outcome.verifiedRecords());
        ObjectNode head = node.putObject("head");
        head.put("seq", outcome.head().seq());
        head.put("hash", outcome.head().hash());
        outcome.firstBreak().ifPresentOrElse(firstBreak -> {
            ObjectNode b = node.putObject("firstBreak");
            b.put("offset", firstBreak.offset());
            b.put("reason", firstBreak.reason().name());
            b.put("detail", firstBreak.detail());
        }, () -> node.putNull("firstBreak"));
        return node;
    }

    /** A token's own limits as {@code "limits": {name: canonical value}}, or {@code null} for the defaults. */
    static void limits(ObjectNode node, TokenLimits limits) {
        if (limits.isNone()) {
            node.putNull("limits");
        } else {
            limits.canonical().forEach(node.putObject("limits")::put);
        }
    }

    static String instant(Instant at) {
        return at == null ? null : EventCodec.formatInstant(at);
    }

    /** Writes one array element. */
    interface Element<T> {
        void write(T item, JsonGenerator json) throws IOException;
    }

    /**
     * Prints {@code node} followed by the array field {@code field}, written element by element:
     * an answer of a hundred thousand tokens never exists as one tree in memory.
     */
    static <T> void print(PrintWriter out, ObjectNode node, String field, List<T> items, Element<T> element) {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = fields.next();
                json.writeFieldName(entry.getKey());
                MAPPER.writeTree(json, entry.getValue());
            }
            json.writeArrayFieldStart(field);
            for (T item : items) {
                element.write(item, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
        out.println();
        out.flush();
    }

    static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
        out.flush();
    }
}
