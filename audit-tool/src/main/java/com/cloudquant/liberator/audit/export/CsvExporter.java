package com.cloudquant.liberator.audit.export;

import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenIssued;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV with a header row, written by Apache Commons CSV. The {@code data} fields of the
 * known types get their own columns; an unknown type's data is left out (use NDJSON to keep it).
 * Cells are neutralised for spreadsheets first ({@link #neutralised}): a value whoever wrote the
 * record chose is never a formula.
 */
final class CsvExporter implements RecordExporter {

    private static final List<String> DATA_FIELDS = List.of("consumer", "hint", "tokenHash", "expiresAt", "scope", "limits",
            "reason");
    private static final List<String> HEADER = Stream.concat(
            Stream.of("offset", "seq", "occurredAt", "type", "tokenId", "actor"),
            Stream.concat(DATA_FIELDS.stream(), Stream.of("eventId", "prevHash", "hash", "keyId"))).toList();

    /** RFC 4180: CRLF after every row; a cell with a comma, quote or line break quoted, quotes doubled. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final PrintWriter out;
    private final CSVPrinter csv;

    CsvExporter(PrintWriter out) {
        this.out = out;
        try {
            this.csv = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a PrintWriter never throws: it records errors instead
        }
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
        if (field.equals("limits")) {
            // an object: one cell as the tool prints it everywhere, "burst=50 maxRange=90d", from the decoded event
            return record instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenIssued issued
                    && !issued.limits().isNone() ? issued.limits().summary() : "";
        }
        JsonNode value = data.get(field);
        return record instanceof DecodedRecord.KnownEvent && value != null && value.isTextual() ? value.textValue() : "";
    }

    private void writeRow(List<String> cells) {
        try {
            csv.printRecord(cells.stream().map(CsvExporter::neutralised));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell safe to open in a spreadsheet. A cell that starts with {@code =}, {@code +},
     * {@code -}, {@code @}, tab or CR would be run as a formula (an actor or revoke reason such
     * as {@code =HYPERLINK(...)}), so it gets a leading {@code '} (the OWASP rule for CSV
     * injection). Blanks and control characters before the first of those count too:
     * spreadsheets that trim a cell on import would run {@code " =HYPERLINK(...)"} as well.
     * Quoting is the CSV printer's: a line break in a value stays in its cell.
     */
    static String neutralised(String value) {
        boolean formula = !value.isEmpty() && ("\t\r".indexOf(value.charAt(0)) >= 0 || startsAFormula(value));
        return formula ? "'" + value : value;
    }

    /** Whether the first character that is not a blank or a control character starts a formula. */
    private static boolean startsAFormula(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)) {
                return "=+-@".indexOf(c) >= 0;
            }
        }
        return false;
    }

    @Override
    public void finish() {
        out.flush();
    }
}
