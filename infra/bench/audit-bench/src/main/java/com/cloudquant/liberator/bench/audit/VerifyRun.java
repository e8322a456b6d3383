package com.cloudquant.liberator.bench.audit;

/**
 * One timed run of {@code liberator-audit verify}.
 *
 * @param seconds         wall-clock time of the whole process (JVM start to exit)
 * @param maxRssMegabytes peak resident memory of the process, from /usr/bin/time
 * @param exitCode        the tool's exit code (0: intact)
 * @param verifiedRecords what the tool reported in its JSON
 */
record VerifyRun(double seconds, long maxRssMegabytes, int exitCode, long verifiedRecords) {
}
