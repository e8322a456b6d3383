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
 * mode's median; see docs/benchmarks.md for the exact command.
 */
public final class AuditVerifyBenchmark {

    private AuditVerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(arg(args, "events", "1000000"));
        int runs = Integer.parseInt(arg(args, "runs", "3"));
        Path jar = Path.of(arg(args, "jar", "audit-tool/target/liberator-audit.jar"));
        Path launcher = Path.of(arg(args, "launcher", "audit-tool/liberator-audit"));
        String javaOpts = arg(args, "javaOpts", "-Xmx512m");
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
            JarRunner runner = new JarRunner(launcher, jar, javaOpts);
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
                measure(runner, kafka.bootstrapServers(), topic, dir.resolve("public.pem"), command, events, runs);
            }
        } finally {
            // The key pair was made for this run only; leave no private key behind.
            Files.deleteIfExists(dir.resolve("private.pem"));
            Files.deleteIfExists(dir.resolve("public.pem"));
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(JarRunner runner, String bootstrapServers, String topic, Path publicKey,
            List<String> command, long events, int runs) throws Exception {
        System.out.println("command: " + runner.describe("BROKER", topic, publicKey, command));
        System.out.println("load before: " + loadAverage());
        System.out.println("| run | wall s | events/s | CPU s (user+sys) | max RSS MB | exit | verified |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<VerifyRun> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            VerifyRun run = runner.run(bootstrapServers, topic, publicKey, command);
            results.add(run);
            System.out.printf("| %d | %.1f | %,.0f | %.1f | %d | %d | %,d |%n", i, run.seconds(),
                    events / run.seconds(), run.cpuSeconds(), run.maxRssMegabytes(), run.exitCode(),
                    run.verifiedRecords());
        }
        results.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
        VerifyRun median = results.get(results.size() / 2);
        System.out.printf("median: %.1f s, %,.0f events/s, %.1f CPU s, max RSS %d MB; load after: %s%n",
                median.seconds(), events / median.seconds(), median.cpuSeconds(), median.maxRssMegabytes(),
                loadAverage());
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
