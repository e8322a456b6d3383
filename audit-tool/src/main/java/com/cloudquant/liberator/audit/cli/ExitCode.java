package com.cloudquant.liberator.audit.cli;

/** The tool's exit codes; documented in docs/audit.md. */
final class ExitCode {

    /** The log verified (and the command answered). */
    static final int OK = 0;
    /** The log does not verify: the first bad offset and the reason are on stderr. */
    static final int CHAIN_BROKEN = 1;
    /** Bad command line (picocli's usage error code). */
    static final int USAGE = 2;
    /** Could not read the log or the key: Kafka, topic, client config or key file. */
    static final int UNREADABLE = 3;
    /** A bug in this tool. */
    static final int INTERNAL = 4;

    private ExitCode() {
    }
}
