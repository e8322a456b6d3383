package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.export.ExportFormat;
import com.cloudquant.liberator.audit.export.RecordExporter;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every verified record to stdout as NDJSON or CSV, streaming, in log order.",
                "Stops at the first record that does not verify (exit 1)."})
final class ExportCommand extends AuditCommand {

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "ndjson or csv")
    ExportFormat format;

    private RecordExporter exporter;

    @Override
    ReplayListener listener() {
        exporter = format.writingTo(spec.commandLine().getOut());
        return exporter;
    }

    @Override
    void report(ReplayOutcome outcome, PrintWriter out) {
        // The records were written as they verified; --json changes nothing here.
        exporter.finish();
    }
}
