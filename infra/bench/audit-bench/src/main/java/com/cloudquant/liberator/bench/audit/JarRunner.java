package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the tool as an auditor would: the shipped launcher ({@code audit-tool/liberator-audit},
 * which picks the JVM flags the tool ships with) on the built jar, {@code JAVA_OPTS} as given,
 * under /usr/bin/time for its peak memory.
 */
final class JarRunner {

    private static final Pattern MAX_RSS = Pattern.compile("maxrss_kb=(\\d+)");
    private static final Pattern CPU = Pattern.compile("cpu_s=([0-9.]+)\\+([0-9.]+)");
    private static final Pattern VERIFIED = Pattern.compile("\"verifiedRecords\"\\s*:\\s*(\\d+)");
    /** A run that has not ended by then hangs: it is killed rather than block the benchmark for good. */
    private static final Duration RUN_LIMIT = Duration.ofHours(1);

    private final Path launcher;
    private final Path jar;
    private final String javaOptions;

    JarRunner(Path launcher, Path jar, String javaOptions) {
        this.launcher = launcher;
        this.jar = jar;
        this.javaOptions = javaOptions;
    }

    /** The command line, as the benchmark prints it: {@code JAVA_OPTS=… launcher command --bootstrap-servers … options}. */
    String describe(String bootstrapServers, String topic, Path publicKey, List<String> command) {
        return "JAVA_OPTS='" + javaOptions + "' " + String.join(" ", command(bootstrapServers, topic, publicKey, command));
    }

    private List<String> command(String bootstrapServers, String topic, Path publicKey, List<String> command) {
        List<String> line = new ArrayList<>(List.of(launcher.toString(), command.get(0), "--bootstrap-servers",
                bootstrapServers, "--topic", topic, "--public-key", publicKey.toString(), "--json", "--no-progress"));
        line.addAll(command.subList(1, command.size()));
        return line;
    }

    /** Runs {@code command} (the tool's command, then its own options) over the log. */
    VerifyRun run(String bootstrapServers, String topic, Path publicKey, List<String> command) throws IOException {
        // the tool's JSON (stdout) and /usr/bin/time's line (stderr) in one log: the patterns tell them apart
        Path log = Files.createTempFile("audit-run", ".log");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss_kb=%M cpu_s=%U+%S"));
        timed.addAll(command(bootstrapServers, topic, publicKey, command));
        ChildProcess tool = new ChildProcess("liberator-audit " + command.get(0), timed, log).environment(Map.of(
                "JAVA_OPTS", javaOptions, "LIBERATOR_AUDIT_JAR", jar.toAbsolutePath().toString()));
        // If the benchmark is stopped, stop the tool too rather than leave it running.
        Thread stopTool = new Thread(tool::kill);
        Runtime.getRuntime().addShutdownHook(stopTool);
        try {
            long start = System.nanoTime();
            int exitCode = tool.start().awaitExit(RUN_LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            String output = tool.output();
            Matcher cpu = CPU.matcher(output);
            double cpuSeconds = cpu.find() ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : -1;
            return new VerifyRun(seconds, cpuSeconds, find(MAX_RSS, output) / 1024, exitCode, find(VERIFIED, output));
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopTool);
            Files.deleteIfExists(log);
        }
    }

    private static long find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
