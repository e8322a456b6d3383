package com.cloudquant.liberator.audit.cli;

import com.cloudquant.liberator.audit.verify.ReplayListener;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Printable;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/** Warns on stderr, once per type, about event types this tool cannot interpret. */
final class UnknownTypeWarnings implements ReplayListener {

    private final PrintWriter err;
    private final Set<String> warned = new HashSet<>();

    UnknownTypeWarnings(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void verified(DecodedRecord record) {
        if (record instanceof DecodedRecord.UnknownEvent unknown && warned.add(unknown.envelope().type())) {
            err.printf("warning: offset %d: skipping event type '%s' (seq %d), unknown to this version; its hash,"
                            + " signature and place in the chain were verified. Upgrade liberator-audit to interpret it.%n",
                    unknown.offset(), Printable.line(unknown.envelope().type()), unknown.envelope().seq());
            err.flush();
        }
    }
}
