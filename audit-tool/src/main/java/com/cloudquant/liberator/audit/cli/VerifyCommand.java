package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.ledger.LogStatistics;
import com.cloudquant.liberator.audit.ledger.TokenLedger;
import com.cloudquant.liberator.audit.verify.EarlierHead;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.audit.verify.Signatures;
import com.cloudquant.liberator.events.Printable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replay the log from offset 0 and check every record's schema, seq, prevHash and hash, and"
                + " one signature per run of records signed by the same key (--every-signature: each record's);"
                + " print a summary.",
                "Exits 0 when the whole log verifies, 1 naming the first bad offset and why."})
final class VerifyCommand extends AuditCommand {

    @Option(names = "--expect-head", paramLabel = "SEQ:HASH", converter = EarlierHeadConverter.class,
            description = {"The head an earlier verify printed. Fails (exit 1) if this log no longer contains",
                "that seq with that hash: events removed from the end, or the log rewritten."})
    EarlierHead earlierHead;

    @Option(names = "--every-signature",
            description = {"Check every record's own signature (on all --threads) instead of one per run of records",
                "signed by the same key; prints the throughput. Names each record whose signature alone is bad."})
    boolean everySignature;

    @Override
    Signatures signatures() {
        return everySignature ? Signatures.EVERY_RECORD : Signatures.ONE_PER_RUN;
    }

    private final LogStatistics statistics = new LogStatistics();
    private final TokenLedger ledger = new TokenLedger();

    @Override
    ReplayListener listener() {
        return earlierHead == null ? ReplayListener.all(statistics, ledger)
                : ReplayListener.all(statistics, ledger, earlierHead);
    }

    @Override
    Optional<String> contradiction(ReplayOutcome outcome) {
        return earlierHead == null ? Optional.empty() : earlierHead.contradiction(outcome);
    }

    static final class EarlierHeadConverter implements ITypeConverter<EarlierHead> {
        @Override
        public EarlierHead convert(String value) {
            return EarlierHead.parse(value);
        }
    }

    @Override
    void report(ReplayOutcome outcome, PrintWriter out) {
        Instant now = root.environment().clock().instant();
        if (json) {
            ObjectNode node = Json.verdict(outcome, log.topic);
            node.put("signatures", signatures().label());
            node.putObject("throughput").put("seconds", cost.seconds()).put("cpuSeconds", cost.cpuSeconds())
                    .put("recordsPerSecond", Math.round(cost.perSecond(outcome.verifiedRecords())))
                    .put("threads", log.threads);
            if (earlierHead != null) {
                node.put("earlierHeadConfirmed", outcome.intact() && contradiction(outcome).isEmpty());
            }
            node.put("events", statistics.events());
            node.put("unknownEventsSkipped", statistics.unknownSkipped());
            TokenLedger.Counts counts = ledger.countsAt(now);
            ObjectNode tokens = node.putObject("tokens");
            tokens.put("issued", counts.issued());
            tokens.put("revoked", counts.revoked());
            tokens.put("active", counts.active());
            tokens.put("expired", counts.expired());
            tokens.put("revocationsOfUnknownTokens", ledger.revocationsOfUnknownTokens());
            ArrayNode rotations = node.putArray("keyRotations");
            for (LogStatistics.Rotation r : statistics.rotations()) {
                rotations.addObject().put("seq", r.seq()).put("retiredKeyId", r.retiredKeyId()).put("newKeyId", r.newKeyId())
                        .put("actor", r.actor()).put("at", Json.instant(r.at()));
            }
            node.put("countedAt", Json.instant(now));
            node.put("firstEventAt", Json.instant(statistics.firstEventAt()));
            node.put("lastEventAt", Json.instant(statistics.lastEventAt()));
            ObjectNode actors = node.putObject("actors");
            statistics.eventsByActor().forEach(actors::put);
            Json.print(out, node);
            return;
        }
        out.printf("log         %s, %s%n", log.topic,
                outcome.endOffset() == 0 ? "empty" : "offsets 0 to " + (outcome.endOffset() - 1));
        out.printf("verdict     %s%n", outcome.intact()
                ? "INTACT: every record's hash, seq and prevHash verify, and " + (everySignature
                        ? "every record's signature" : "one signature per run of records signed by the same key")
                : "BROKEN at " + outcome.firstBreak().orElseThrow().describe());
        out.printf("signatures  %s%n", everySignature ? "every record (--every-signature)"
                : "one per run of records signed by the same key (--every-signature checks each)");
        out.printf("throughput  %,.0f records/s, %.1f s wall, %.1f CPU-s, %d threads%n",
                cost.perSecond(outcome.verifiedRecords()), cost.seconds(), cost.cpuSeconds(), log.threads);
        out.printf("verified    %d records, head seq %d hash %s%n", outcome.verifiedRecords(),
                outcome.head().seq(), outcome.head().hash());
        if (outcome.intact()) {
            out.printf("next audit  --expect-head %d:%s%n", outcome.head().seq(), outcome.head().hash());
        }
        if (earlierHead != null && outcome.intact()) {
            out.printf("earlier     %s%n", contradiction(outcome).map(c -> "CONTRADICTED: " + c)
                    .orElse("seq " + earlierHead.expected().seq() + " has the hash the earlier audit recorded"));
        }
        out.printf("events      %d (unknown types skipped: %d)%n", statistics.events(), statistics.unknownSkipped());
        TokenLedger.Counts counts = ledger.countsAt(now);
        out.printf("tokens      issued %d, revoked %d, active %d, expired %d (active/expired as of %s)%n",
                counts.issued(), counts.revoked(), counts.active(), counts.expired(), Json.instant(now));
        if (ledger.revocationsOfUnknownTokens() > 0) {
            out.printf("anomaly     %d revocation(s) of token ids never issued%n", ledger.revocationsOfUnknownTokens());
        }
        for (LogStatistics.Rotation r : statistics.rotations()) {
            out.printf("key rotated at seq %d: %s replaces %s (by %s, %s)%n", r.seq(), r.newKeyId(), r.retiredKeyId(),
                    Printable.line(r.actor()), Json.instant(r.at()));
        }
        out.printf("first event %s%n", orNone(Json.instant(statistics.firstEventAt())));
        out.printf("last event  %s%n", orNone(Json.instant(statistics.lastEventAt())));
        Map<String, Long> byActor = statistics.eventsByActor();
        out.printf("actors      %s%n", byActor.isEmpty() ? "-"
                : byActor.entrySet().stream()
                        .map(e -> Printable.line(e.getKey()) + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }

    private static String orNone(String value) {
        return value == null ? "-" : value;
    }
}
