package com.cloudquant.liberator.audit.export;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RFC 4180 CSV with a header row. The {@code data} fields of the known types get their own
 * columns; an unknown type's data is left out (use NDJSON to keep it).
 */
final class CsvExporter implements RecordExporter {

    private static final List<String> DATA_FIELDS = List.of("consumer", "hint", "tokenHash", "expiresAt", "reason");
    private static final List<String> HEADER = Stream.concat(
            Stream.of("offset", "seq", "occurredAt", "type", "tokenId", "actor"),
            Stream.concat(DATA_FIELDS.stream(), Stream.of("eventId", "prevHash", "hash", "keyId"))).toList();

    private final PrintWriter out;

    CsvExporter(PrintWriter out) {
        this.out = out;
        writeRow(HEADER);
    }

    @Override
    public void verified(DecodedRecord record) {
        EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
        List<String> row = Stream.concat(
                Stream.of(Long.toString(record.offset()), Long.toString(e.seq()),
                        EventCodec.formatInstant(e.occurredAt()), e.type(), e.tokenId(), e.actor()),
                Stream.concat(DATA_FIELDS.stream().map(field -> dataField(record, e.data(), field)),
                        Stream.of(e.eventId(), e.prevHash(), e.hash(), e.keyId()))).toList();
        writeRow(row);
    }

    private static String dataField(DecodedRecord record, JsonNode data, String field) {
        JsonNode value = data.get(field);
        return record instanceof DecodedRecord.KnownEvent && value != null && value.isTextual() ? value.textValue() : "";
    }

    private void writeRow(List<String> cells) {
        out.print(cells.stream().map(CsvExporter::quoted).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void finish() {
        out.flush();
    }
}
