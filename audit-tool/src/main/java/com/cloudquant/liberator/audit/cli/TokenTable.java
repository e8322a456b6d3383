package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.ledger.TokenLife;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.List;

/** Tokens as a text table or a JSON array. */
final class TokenTable {

    private static final String ROW = "%-24s %-36s %-15s %-24s %-16s %-24s %-24s %-16s%n";

    private TokenTable() {
    }

    static void print(PrintWriter out, List<TokenLife> tokens) {
        out.printf(ROW, "CONSUMER", "TOKEN ID", "HINT", "ISSUED AT", "ISSUED BY", "EXPIRES AT", "REVOKED AT",
                "REVOKED BY");
        for (TokenLife t : tokens) {
            out.printf(ROW, t.consumer(), t.tokenId(), t.hint(), Json.instant(t.issuedAt()), t.issuedBy(),
                    dash(Json.instant(t.expiresAt())), dash(Json.instant(t.revokedAt())), dash(t.revokedBy()));
        }
    }

    static void add(ArrayNode array, List<TokenLife> tokens) {
        for (TokenLife t : tokens) {
            array.addObject()
                    .put("consumer", t.consumer())
                    .put("tokenId", t.tokenId())
                    .put("hint", t.hint())
                    .put("issuedAt", Json.instant(t.issuedAt()))
                    .put("issuedBy", t.issuedBy())
                    .put("expiresAt", Json.instant(t.expiresAt()))
                    .put("revokedAt", Json.instant(t.revokedAt()))
                    .put("revokedBy", t.revokedBy())
                    .put("revokeReason", t.revokeReason());
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
