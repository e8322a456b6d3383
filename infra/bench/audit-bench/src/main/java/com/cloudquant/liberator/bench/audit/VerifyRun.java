package com.cloudquant.liberator.bench.audit;

/**
 * One timed run of a {@code liberator-audit} command.
 *
 * @param seconds         wall-clock time of the whole process (JVM start to exit)
 * @param cpuSeconds      user + system CPU time of the process: less sensitive than wall time
 *                        to other load on a shared machine
 * @param maxRssMegabytes peak resident memory of the process, from /usr/bin/time
 * @param exitCode        the tool's exit code (0: intact)
 * @param verifiedRecords what the tool reported in its JSON
 */
record VerifyRun(double seconds, double cpuSeconds, long maxRssMegabytes, int exitCode, long verifiedRecords) {
}
