package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.ledger.ConsumerHistory;
import com.cloudquant.liberator.audit.ledger.HistoryEntry;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every issue and revocation of one consumer's tokens, and every signing-key rotation, in log order.")
final class HistoryCommand extends AuditCommand {

    private static final String ROW = "%-8s %-24s %-12s %-36s %-15s %-16s %s";

    @Option(names = "--consumer", required = true, paramLabel = "NAME", description = "e.g. grafana-prod")
    String consumer;

    private ConsumerHistory history;

    @Override
    ReplayListener listener() {
        history = new ConsumerHistory(consumer);
        return history;
    }

    @Override
    void report(ReplayOutcome outcome, PrintWriter out) {
        List<HistoryEntry> entries = history.entries();
        if (json) {
            ObjectNode node = Json.verdict(outcome, log.topic);
            node.put("consumer", consumer);
            ArrayNode events = node.putArray("events");
            for (HistoryEntry e : entries) {
                ObjectNode event = events.addObject().put("offset", e.offset()).put("seq", e.seq())
                        .put("at", Json.instant(e.at())).put("type", e.type()).put("tokenId", e.tokenId())
                        .put("hint", e.hint()).put("actor", e.actor()).put("detail", e.detail()).put("scope", e.scope());
                Json.limits(event, e.limits());
            }
            Json.print(out, node);
            return;
        }
        out.printf("%d event(s) for consumer %s%n", entries.size(), Printable.line(consumer));
        if (entries.isEmpty()) {
            return;
        }
        out.println(String.format(ROW, "SEQ", "AT", "TYPE", "TOKEN ID", "HINT", "ACTOR", "DETAIL").stripTrailing());
        for (HistoryEntry e : entries) {
            // every field came from the log, where whoever wrote a record chose it: no terminal escapes
            out.println(String.format(ROW, e.seq(), Json.instant(e.at()), Printable.line(e.type()), Printable.line(e.tokenId()),
                    Printable.line(e.hint()), Printable.line(e.actor()), Printable.line(e.detail())).stripTrailing());
        }
    }
}
