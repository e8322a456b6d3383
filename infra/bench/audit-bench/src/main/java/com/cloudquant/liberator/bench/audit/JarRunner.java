package com.cloudquant.liberator.bench.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    VerifyRun run(String bootstrapServers, String topic, Path publicKey, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("audit-out", ".json");
        Path err = Files.createTempFile("audit-err", ".txt");
        try {
            long start = System.nanoTime();
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss_kb=%M cpu_s=%U+%S"));
            timed.addAll(command(bootstrapServers, topic, publicKey, command));
            ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("JAVA_OPTS", javaOptions);
            builder.environment().put("LIBERATOR_AUDIT_JAR", jar.toAbsolutePath().toString());
            Process process = builder.start();
            // If the benchmark is stopped, stop the tool too rather than leave it running.
            Thread stopTool = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(stopTool);
            int exitCode = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopTool);
            double seconds = (System.nanoTime() - start) / 1e9;
            String stderr = Files.readString(err);
            Matcher cpu = CPU.matcher(stderr);
            double cpuSeconds = cpu.find() ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : -1;
            return new VerifyRun(seconds, cpuSeconds, find(MAX_RSS, stderr) / 1024, exitCode,
                    find(VERIFIED, Files.readString(out)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static long find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
