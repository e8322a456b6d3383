package com.cloudquant.liberator.audit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line, with what it printed. */
record AuditRun(int exitCode, String out, String err) {

    static AuditRun of(AuditEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = LiberatorAudit.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new AuditRun(exitCode, out.toString(), err.toString());
    }
}
