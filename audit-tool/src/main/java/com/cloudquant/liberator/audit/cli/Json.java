package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.events.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;

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

    static String instant(Instant at) {
        return at == null ? null : EventCodec.formatInstant(at);
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
