package com.cloudquant.liberator.audit.export;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * One JSON object per line: the Kafka offset, then the envelope's fields as written
 * (the {@code data} object untouched, so unknown types lose nothing).
 */
final class NdjsonExporter implements RecordExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;

    NdjsonExporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void verified(DecodedRecord record) {
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        ObjectNode line = JSON.createObjectNode();
        line.put("offset", record.offset());
        line.put("seq", e.seq());
        line.put("schemaVersion", e.schemaVersion());
        line.put("eventId", e.eventId());
        line.put("type", e.type());
        line.put("tokenId", e.tokenId());
        line.put("occurredAt", EventCodec.formatInstant(e.occurredAt()));
        line.put("actor", e.actor());
        line.set("data", e.data());
        line.put("prevHash", e.prevHash());
        line.put("hash", e.hash());
        line.put("keyId", e.keyId());
        line.put("signature", e.signature());
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException("cannot write record at offset " + record.offset(), e1);
        }
    }

    @Override
    public void finish() {
        out.flush();
    }
}
