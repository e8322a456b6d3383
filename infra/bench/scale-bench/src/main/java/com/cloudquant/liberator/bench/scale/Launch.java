package com.cloudquant.liberator.bench.scale;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How to start one service JVM and tell when it is ready.
 *
 * @param command     the java command line
 * @param environment added to the inherited environment (secrets stay off the command line)
 * @param readiness   answers 200 once the service has rebuilt from the log
 * @param counts      what the ready service reports about the log it read
 */
record Launch(List<String> command, Map<String, String> environment, URI readiness, Function<Http, Counts> counts) {

    /** Active tokens and last chain position a ready service reports; -1 where it reports none. */
    record Counts(long tokens, long headSeq) {
        static final Counts NONE = new Counts(-1, -1);
    }
}
