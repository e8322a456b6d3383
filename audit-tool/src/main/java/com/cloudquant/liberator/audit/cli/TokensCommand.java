package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.ledger.TokenLedger;
import com.cloudquant.liberator.audit.ledger.TokenLife;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Which tokens were valid at an instant (--at) or at any time on a UTC day (--on):"
                + " consumer, issued and revoked by whom.",
                "A token is valid from its issue instant until, excluded, its revocation or expiry."})
final class TokensCommand extends AuditCommand {

    static final class When {
        @Option(names = "--at", required = true, paramLabel = "INSTANT",
                description = "An instant, e.g. 2026-11-25T09:30:00Z.")
        Instant at;

        @Option(names = "--on", required = true, paramLabel = "DATE",
                description = "A UTC day, e.g. 2026-11-25: tokens valid at any moment of it.")
        LocalDate on;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    private final TokenLedger ledger = new TokenLedger();

    @Override
    ReplayListener listener() {
        return ledger;
    }

    @Override
    void report(ReplayOutcome outcome, PrintWriter out) {
        List<TokenLife> tokens;
        if (when.at != null) {
            tokens = ledger.validAt(when.at);
        } else {
            Instant from = when.on.atStartOfDay(ZoneOffset.UTC).toInstant();
            tokens = ledger.validDuring(from, when.on.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (json) {
            ObjectNode node = Json.verdict(outcome, log.topic);
            if (when.at != null) {
                node.put("at", Json.instant(when.at));
            } else {
                node.put("on", when.on.toString());
            }
            Json.print(out, node, "tokens", tokens, TokenTable::write);
            return;
        }
        String moment = when.at != null ? "at " + Json.instant(when.at) : "at any time on " + when.on + " (UTC)";
        out.printf("%d token(s) valid %s%n", tokens.size(), moment);
        if (!tokens.isEmpty()) {
            TokenTable.print(out, tokens);
        }
    }
}
