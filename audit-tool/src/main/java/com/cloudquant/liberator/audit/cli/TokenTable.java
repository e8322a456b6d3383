package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.ledger.TokenLife;
import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Tokens as a text table or a JSON array. */
final class TokenTable {

    private static final String ROW = "%-24s %-36s %-15s %-24s %-16s %-24s %-24s %-16s %-24s %s";

    private TokenTable() {
    }

    static void print(PrintWriter out, List<TokenLife> tokens) {
        line(out, "CONSUMER", "TOKEN ID", "HINT", "ISSUED AT", "ISSUED BY", "EXPIRES AT", "REVOKED AT",
                "REVOKED BY", "LIMITS", "SCOPE");
        for (TokenLife t : tokens) {
            // the scope last: it is the one cell of no fixed width
            line(out, t.consumer(), t.tokenId(), t.hint(), Json.instant(t.issuedAt()), t.issuedBy(),
                    dash(Json.instant(t.expiresAt())), dash(Json.instant(t.revokedAt())), dash(t.revokedBy()),
                    t.limits().summary(), dash(t.scope()));
        }
    }

    /** One token as a JSON object of the {@code tokens} array. */
    static void write(TokenLife t, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("consumer", t.consumer());
        json.writeStringField("tokenId", t.tokenId());
        json.writeStringField("hint", t.hint());
        json.writeStringField("issuedAt", Json.instant(t.issuedAt()));
        json.writeStringField("issuedBy", t.issuedBy());
        json.writeStringField("expiresAt", Json.instant(t.expiresAt()));
        json.writeStringField("revokedAt", Json.instant(t.revokedAt()));
        json.writeStringField("revokedBy", t.revokedBy());
        json.writeStringField("revokeReason", t.revokeReason());
        json.writeStringField("scope", t.scope());
        json.writeFieldName("limits");
        if (t.limits().isNone()) {
            json.writeNull();
        } else {
            json.writeStartObject();
            for (var limit : t.limits().canonical().entrySet()) {
                json.writeStringField(limit.getKey(), limit.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /**
     * Padded columns, without the trailing blanks of a padded last column. Every cell came from
     * the log, where whoever wrote a record chose it: no terminal escapes, no line breaks.
     */
    static void line(PrintWriter out, Object... cells) {
        Object[] printable = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            printable[i] = Printable.line(String.valueOf(cells[i]));
        }
        out.println(String.format(ROW, printable).stripTrailing());
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
