package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code liberator-audit verify} over a large log on an embedded broker.
 *
 * <pre>
 * java -cp … AuditVerifyBenchmark [events=1000000] [runs=3] [jar=audit-tool/target/liberator-audit.jar]
 *                                 [javaOpts=-Xmx512m] [modes=default,every-signature,tokens-at]
 * </pre>
 * Runs each mode over the same log, through the shipped launcher: {@code default} is
 * {@code verify}, {@code every-signature} is {@code verify --every-signature}, {@code tokens-at}
 * is {@code tokens --at} the instant of the log's middle event. Prints one line per run and each
 * mode's median; see docs/benchmarks.md for the exact command. Several {@code javaOpts} separated by
 * {@code |} are compared side by side: run 1 of each, then run 2 of each, one median per option set.
 * {@code hold=true} writes the log and keeps it up instead, for running the tool by hand.
 */
public final class AuditVerifyBenchmark {

    private AuditVerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(arg(args, "events", "1000000"));
        int runs = Integer.parseInt(arg(args, "runs", "3"));
        Path jar = Path.of(arg(args, "jar", "audit-tool/target/liberator-audit.jar"));
        Path launcher = Path.of(arg(args, "launcher", "audit-tool/liberator-audit"));
        // Several option sets, separated by '|', are measured side by side: run i of every set, then run i+1.
        List<String> javaOpts = Arrays.asList(arg(args, "javaOpts", "-Xmx512m").split("\\|"));
        List<String> modes = Arrays.asList(arg(args, "modes", "default,every-signature,tokens-at").split(","));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with 'mvn -B -ntp -pl audit-tool package'");
        }
        SignedLogWriter.installFastEd25519();
        Path dir = Files.createTempDirectory("audit-bench");
        KeyPair keys = Ed25519Keys.generateInto(dir.resolve("private.pem"), dir.resolve("public.pem"));
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            String topic = TokenTopic.local().createIn(kafka).name();
            long start = System.nanoTime();
            new SignedLogWriter(new EventSigner(keys)).write(kafka.bootstrapServers(), topic, events);
            System.out.printf("wrote %,d signed events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
            awaitBrokerSettled();
            if (Boolean.parseBoolean(arg(args, "hold", "false"))) {
                hold(kafka.bootstrapServers(), topic, dir.resolve("public.pem"));
                return;
            }
            List<JarRunner> runners = javaOpts.stream().map(o -> new JarRunner(launcher, jar, o.trim())).toList();
            // The broker's own fetch path is compiled by its first full read: a broker in service
            // has long been warm, so one uncounted read first measures the tool, not that.
            VerifyRun warmUp = runners.get(0).run(kafka.bootstrapServers(), topic, dir.resolve("public.pem"), List.of("verify"));
            System.out.printf("warm-up read of the broker (not counted): %.1f s, exit %d%n", warmUp.seconds(), warmUp.exitCode());
            SignedLogWriter.Shape shape = SignedLogWriter.Shape.audit();
            String middle = shape.start().plus(shape.interval().multipliedBy(events / 2)).toString();
            for (String mode : modes) {
                List<String> command = switch (mode) {
                    case "default" -> List.of("verify");
                    case "every-signature" -> List.of("verify", "--every-signature");
                    case "tokens-at" -> List.of("tokens", "--at", middle);
                    default -> throw new IllegalArgumentException("unknown mode " + mode
                            + ": default, every-signature or tokens-at");
                };
                measure(runners, kafka.bootstrapServers(), topic, dir.resolve("public.pem"), command, events, runs);
            }
        } finally {
            // The key pair was made for this run only; leave no private key behind.
            Files.deleteIfExists(dir.resolve("private.pem"));
            Files.deleteIfExists(dir.resolve("public.pem"));
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(List<JarRunner> runners, String bootstrapServers, String topic, Path publicKey,
            List<String> command, long events, int runs) throws Exception {
        for (int v = 0; v < runners.size(); v++) {
            System.out.println("command " + (char) ('A' + v) + ": "
                    + runners.get(v).describe("BROKER", topic, publicKey, command));
        }
        System.out.println("load before: " + loadAverage());
        System.out.println("| run | command | wall s | events/s | CPU s (user+sys) | max RSS MB | exit | verified |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<List<VerifyRun>> results = new ArrayList<>();
        runners.forEach(r -> results.add(new ArrayList<>()));
        for (int i = 1; i <= runs; i++) {
            for (int v = 0; v < runners.size(); v++) {
                VerifyRun run = runners.get(v).run(bootstrapServers, topic, publicKey, command);
                results.get(v).add(run);
                System.out.printf("| %d | %c | %.1f | %,.0f | %.1f | %d | %d | %,d |%n", i, 'A' + v, run.seconds(),
                        events / run.seconds(), run.cpuSeconds(), run.maxRssMegabytes(), run.exitCode(),
                        run.verifiedRecords());
            }
        }
        for (int v = 0; v < runners.size(); v++) {
            List<VerifyRun> byWall = new ArrayList<>(results.get(v));
            byWall.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
            List<VerifyRun> byCpu = new ArrayList<>(results.get(v));
            byCpu.sort((a, b) -> Double.compare(a.cpuSeconds(), b.cpuSeconds()));
            VerifyRun median = byWall.get(byWall.size() / 2);
            System.out.printf("median %c: %.1f s, %,.0f events/s, %.1f CPU s, max RSS %d MB%n", 'A' + v,
                    median.seconds(), events / median.seconds(), byCpu.get(byCpu.size() / 2).cpuSeconds(),
                    median.maxRssMegabytes());
        }
        System.out.println("load after: " + loadAverage());
    }

    /**
     * Waits until this JVM (the broker, and the writer before it) spends less than a tenth of a core
     * for five seconds in a row: right after a million writes the broker is still busy for a while
     * (flushing, cleaning the transaction state), and each run must measure the tool, not that.
     */
    private static void awaitBrokerSettled() throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long began = System.nanoTime();
        int quietSeconds = 0;
        long cpu = os.getProcessCpuTime();
        while (quietSeconds < 5 && System.nanoTime() - began < 600_000_000_000L) {
            Thread.sleep(1000); // a sampling interval: there is no event to await
            long now = os.getProcessCpuTime();
            quietSeconds = now - cpu < 100_000_000L ? quietSeconds + 1 : 0;
            cpu = now;
        }
        System.out.printf("broker settled after %.0f s (under 0.1 core for 5 s)%n", (System.nanoTime() - began) / 1e9);
    }

    /**
     * Keeps the broker and its log up for trying the tool by hand (profiling, other flags,
     * {@code --client-config}) without writing the log again; ends when standard input closes.
     */
    private static void hold(String bootstrapServers, String topic, Path publicKey) throws java.io.IOException {
        System.out.println("holding: audit-tool/liberator-audit verify --bootstrap-servers " + bootstrapServers
                + " --topic " + topic + " --public-key " + publicKey + "   (close standard input to stop)");
        while (System.in.read() >= 0) {
            // wait for end of input
        }
    }

    /** The machine is shared: say how busy it was, so a reader can judge the wall times. */
    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
