package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.source.RecordBatches;
import com.cloudquant.liberator.audit.verify.LogReplay;
import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.audit.verify.ReplayOutcome;
import com.cloudquant.liberator.audit.verify.Signatures;
import com.cloudquant.liberator.events.TrustedKeys;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shape of every command: replay and verify the whole log, feed the verified records
 * to the command's listener, print its answer, and exit {@link ExitCode#CHAIN_BROKEN}
 * naming the first bad record if the log does not verify. The answer is printed either
 * way and only covers the records before the break.
 */
abstract class AuditCommand implements Callable<Integer> {

    @Mixin
    LogOptions log;

    @Option(names = "--json", description = "Machine-readable JSON on stdout instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @ParentCommand
    LiberatorAudit root;

    /** Receives the verified records. */
    abstract ReplayListener listener();

    /** Prints the answer from what the listener gathered. */
    abstract void report(ReplayOutcome outcome, PrintWriter out);

    /** How many signatures the replay checks: one per run unless a command asks for every one. */
    Signatures signatures() {
        return Signatures.ONE_PER_RUN;
    }

    /** Wall and process CPU time the replay took, for commands that print their throughput. */
    ReplayCost cost;

    /** Why a log whose chain verified must still be rejected, if it must. */
    Optional<String> contradiction(ReplayOutcome outcome) {
        return Optional.empty();
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (log.threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + log.threads);
        }
        if (log.timeout.isNegative() || log.timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive, got " + log.timeout);
        }
        TrustedKeys keys = log.trustedKeys();
        AuditEnvironment env = root.environment();
        ProgressBar bar = new ProgressBar(err, env.nanoTime());
        // --json is for programs: nothing but the answer, on stdout; the warnings still go to stderr
        boolean showProgress = env.interactive() && !log.noProgress && !json;
        ReplayListener listener = showProgress
                ? ReplayListener.all(listener(), new UnknownTypeWarnings(err), bar)
                : ReplayListener.all(listener(), new UnknownTypeWarnings(err));
        ReplayOutcome outcome;
        ReplayCost.Start start = ReplayCost.start();
        try (RecordBatches records = env.logs().apply(log.kafka())) {
            outcome = new LogReplay(keys, log.threads, signatures()).run(records, listener);
        } finally {
            bar.finish();
        }
        cost = start.stop();
        report(outcome, out);
        out.flush();
        if (outcome.intact()) {
            Optional<String> contradiction = contradiction(outcome);
            if (contradiction.isEmpty()) {
                return ExitCode.OK;
            }
            err.println("liberator-audit: the log does NOT match the earlier audit: " + contradiction.get());
            err.flush();
            return ExitCode.CHAIN_BROKEN;
        }
        err.println("liberator-audit: the log does NOT verify: " + outcome.firstBreak().orElseThrow().describe()
                + ". Records before it verified; nothing from this offset on can be trusted.");
        err.flush();
        return ExitCode.CHAIN_BROKEN;
    }
}
