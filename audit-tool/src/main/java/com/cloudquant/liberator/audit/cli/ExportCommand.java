package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.export.ExportFormat;
import com.cloudquant.liberator.audit.export.RecordExporter;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventEnvelope;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every verified record to stdout as NDJSON or CSV, streaming, in log order.",
                "--since/--until keep the events that occurred in [since, until); the whole log is verified all the same.",
                "Stops at the first record that does not verify (exit 1)."})
final class ExportCommand extends AuditCommand {

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "ndjson or csv")
    ExportFormat format;

    @Option(names = "--since", paramLabel = "INSTANT",
            description = "Only events that occurred at or after this instant, e.g. 2026-11-01T00:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "Only events that occurred before this instant (excluded), e.g. 2026-12-01T00:00:00Z.")
    Instant until;

    private RecordExporter exporter;

    @Override
    ReplayListener listener() {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ParameterException(spec.commandLine(),
                    "--since must be before --until, got " + since + " and " + until);
        }
        exporter = format.writingTo(spec.commandLine().getOut());
        if (since == null && until == null) {
            return exporter;
        }
        // Every record is still verified from offset 0 (the chain proves the exported ones);
        // only the writing is filtered, by the instant the event itself records.
        return new ReplayListener() {
            @Override
            public void verified(DecodedRecord record) {
                EventEnvelope envelope = record.wellFormedEnvelope().orElse(null);
                if (envelope != null && inWindow(envelope.occurredAt())) {
                    exporter.verified(record);
                }
            }
        };
    }

    private boolean inWindow(Instant at) {
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }

    @Override
    void report(ReplayOutcome outcome, PrintWriter out) {
        // The records were written as they verified; --json changes nothing here.
        exporter.finish();
    }
}
