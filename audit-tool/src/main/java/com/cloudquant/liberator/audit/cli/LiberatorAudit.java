package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.source.LogUnreadableException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "liberator-audit", mixinStandardHelpOptions = true, version = "liberator-audit 0.1.0",
        description = "Replay and verify the Liberator token log straight from Kafka, trusting neither service.",
        subcommands = {VerifyCommand.class, TokensCommand.class, HistoryCommand.class, ExportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the log verified (and the command answered)",
            "1:the log does NOT verify; stderr names the first bad offset and why",
            "2:bad command line",
            "3:cannot read the log or a key (Kafka, topic, --client-config, --public-key)",
            "4:internal error in this tool"})
public final class LiberatorAudit implements Runnable {

    /** Kept so the warning EventCodec logs for unknown types stays off: UnknownTypeWarnings says it better. */
    private static final Logger CODEC_LOG =
            Logger.getLogger("com.cloudquant.liberator.events.EventCodec");

    private final AuditEnvironment environment;

    @Spec
    CommandSpec spec;

    LiberatorAudit(AuditEnvironment environment) {
        this.environment = environment;
    }

    AuditEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: verify, tokens, history or export");
    }

    public static void main(String[] args) {
        FastEd25519.install();
        System.exit(commandLine(AuditEnvironment.real()).execute(args));
    }

    static CommandLine commandLine(AuditEnvironment environment) {
        CODEC_LOG.setLevel(Level.OFF);
        CommandLine cli = new CommandLine(new LiberatorAudit(environment));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof LogUnreadableException) {
                commandLine.getErr().println("liberator-audit: " + e.getMessage());
                commandLine.getErr().flush();
                return ExitCode.UNREADABLE;
            }
            commandLine.getErr().println("liberator-audit: internal error, please report it: " + e);
            e.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return ExitCode.INTERNAL;
        });
        return cli;
    }
}
