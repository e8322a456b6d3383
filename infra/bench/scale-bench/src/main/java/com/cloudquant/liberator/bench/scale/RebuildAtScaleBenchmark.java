package com.cloudquant.liberator.bench.scale;

import com.cloudquant.liberator.bench.audit.SignedLogWriter;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Both services rebuilding from a large token log, each as its own JVM at the heap ./run.sh
 * gives it. Writes one correctly chained log, every record signed (9 issues to 1 revocation of
 * the oldest unrevoked token, token ids random UUIDs, 200 consumers, one event in 7 an issue with
 * an expiry a year ahead, the other issues without), into one topic per size (each a prefix of
 * the longest) on an embedded single-node broker. Then for each size it starts the shipped
 * gateway jar and times it until {@code /health/readiness} answers 200, and the shipped
 * token-service jar until {@code /health} does and its listing holds every active token, or
 * until either dies. Each start reports wall time, CPU, collections, peak RSS (VmHWM), heap
 * after a full GC ({@code jcmd GC.run}) and the tokens it reports.
 *
 * <pre>
 * java -Xmx1g -cp … RebuildAtScaleBenchmark [sizes=250000,500000,1000000] [gatewayRuns=3]
 *      [tokenServiceRuns=1] [services=gateway,token-service] [heap=256m] [sizingHeap=2g]
 *      [timeout=180] [gatewayJar=gateway/target/gateway-0.1.0-SNAPSHOT.jar]
 *      [tokenServiceJar=token-service/target/token-service-0.1.0-SNAPSHOT.jar] [logs=…]
 *      [baselineGatewayJar=…] [gatewayJvmOptions=…] [baselineJvmOptions=…]
 * </pre>
 * {@code gatewayRuns} and {@code tokenServiceRuns} are the runs at the largest size (one at the
 * others); {@code sizingHeap} (empty: none) adds one token-service start per size with that heap,
 * for the heap it needs per million events when ./run.sh's is too small, and one gateway start at
 * the largest size, for its rebuild time when the heap is not nearly full; {@code timeout} bounds
 * each start, in seconds. {@code baselineGatewayJar} (empty: none) starts that gateway jar too, as
 * "gateway baseline", alternating with the measured one run by run at the largest size, so both
 * meet the same machine and the summary gives the ratio of their medians; {@code gatewayJvmOptions}
 * and {@code baselineJvmOptions} (space-separated) are added to ./run.sh's JVM options of each,
 * to compare JVM flags on one jar. Prints Markdown tables
 * (docs/benchmarks.md, "Rebuild at scale").
 */
public final class RebuildAtScaleBenchmark {

    static final String GATEWAY = "gateway";
    static final String TOKEN_SERVICE = "token-service";
    static final String GATEWAY_BASELINE = "gateway baseline";

    private static final PrintStream OUT = System.out;
    /** Every 10th event revokes a token: 90% issues, 10% revocations. */
    private static final int REVOKE_EVERY = 10;

    private RebuildAtScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = Arrays.stream(arg(args, "sizes", "250000,500000,1000000").split(","))
                .map(String::trim).map(Long::parseLong).sorted().distinct().toList();
        long largest = sizes.get(sizes.size() - 1);
        int gatewayRuns = Integer.parseInt(arg(args, "gatewayRuns", "3"));
        int tokenServiceRuns = Integer.parseInt(arg(args, "tokenServiceRuns", "1"));
        List<String> services = List.of(arg(args, "services", GATEWAY + "," + TOKEN_SERVICE).split(","));
        String heap = arg(args, "heap", Services.RUN_SH_HEAP);
        String sizingHeap = arg(args, "sizingHeap", "2g");
        Duration timeout = Duration.ofSeconds(Long.parseLong(arg(args, "timeout", "180")));
        Path gatewayJar = Path.of(arg(args, "gatewayJar", "gateway/target/gateway-0.1.0-SNAPSHOT.jar"));
        Path tokenServiceJar = Path.of(arg(args, "tokenServiceJar",
                "token-service/target/token-service-0.1.0-SNAPSHOT.jar"));
        Path logs = Path.of(arg(args, "logs", "infra/bench/scale-bench/target/service-logs"));
        String baseline = arg(args, "baselineGatewayJar", "");
        List<String> gatewayJvm = options(arg(args, "gatewayJvmOptions", ""));
        List<String> baselineJvm = options(arg(args, "baselineJvmOptions", ""));
        Path baselineJar = baseline.isBlank() || !requireJar(Path.of(baseline), GATEWAY_BASELINE) ? null : Path.of(baseline);
        boolean measureGateway = services.contains(GATEWAY) && requireJar(gatewayJar, GATEWAY);
        boolean measureTokenService = services.contains(TOKEN_SERVICE) && requireJar(tokenServiceJar, TOKEN_SERVICE);

        OUT.printf("# %s, %d cores, load before: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), MeasuredStart.loadAverage());
        OUT.println("# service JVMs: java " + String.join(" ", Services.jvmOptions(heap))
                + " -Dliberator.instance=… -D<settings> -jar … (ServiceCommands in infra/local-stack)");
        if (!gatewayJvm.isEmpty() || !baselineJvm.isEmpty()) {
            OUT.println("# added JVM options: gateway " + gatewayJvm + ", gateway baseline " + baselineJvm);
        }
        SignedLogWriter.installFastEd25519();
        Path dir = Files.createTempDirectory("scale-bench");
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        KeyPair keys = Ed25519Keys.generateInto(privateKey, publicKey);
        List<ServiceRun> runs = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            Map<Long, String> topics = writeLogs(kafka, keys, sizes);
            Services launcher = new Services(kafka.bootstrapServers(), privateKey, publicKey);
            MeasuredStart measure = new MeasuredStart();
            OUT.println();
            OUT.println(HEADER);
            if (measureGateway) {
                for (long size : sizes) {
                    for (int run = 1; run <= (size == largest ? gatewayRuns : 1); run++) {
                        if (baselineJar != null && size == largest) {
                            runs.add(report(gateway(GATEWAY_BASELINE, baselineJvm, measure, launcher, baselineJar,
                                    topics, size, heap, run, timeout, logs)));
                        }
                        runs.add(report(gateway(GATEWAY, gatewayJvm, measure, launcher, gatewayJar, topics, size, heap,
                                run, timeout, logs)));
                    }
                }
                if (!sizingHeap.isBlank() && !sizingHeap.equals(heap)) {
                    // the same rebuild without a heap that is nearly full of live data
                    runs.add(report(gateway(GATEWAY, gatewayJvm, measure, launcher, gatewayJar, topics, largest,
                            sizingHeap, 1, timeout, logs)));
                }
            }
            if (measureTokenService) {
                for (long size : sizes) {
                    for (int run = 1; run <= (size == largest ? tokenServiceRuns : 1); run++) {
                        runs.add(report(tokenService(measure, launcher, tokenServiceJar, topics, size, heap, run,
                                timeout, logs)));
                    }
                }
                if (!sizingHeap.isBlank() && !sizingHeap.equals(heap)) {
                    for (long size : sizes) {
                        runs.add(report(tokenService(measure, launcher, tokenServiceJar, topics, size, sizingHeap, 1,
                                timeout, logs)));
                    }
                }
            }
        } finally {
            // the key pair was made for this run only; leave no private key behind
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
            Files.deleteIfExists(dir);
        }
        OUT.println();
        summary(runs);
        OUT.printf("%n# load after: %s; service output in %s%n", MeasuredStart.loadAverage(), logs);
    }

    private static ServiceRun gateway(String label, List<String> jvmOptions, MeasuredStart measure,
                                      Services launcher, Path jar, Map<Long, String> topics, long size, String heap,
                                      int run, Duration timeout, Path logs) throws Exception {
        Launch launch = launcher.gateway(jar, topics.get(size), heap, jvmOptions);
        return measure.run(label, size, run, heap, launch, activeTokens(size), timeout,
                logs.resolve(label.replace(' ', '-') + "-" + size + "-" + heap + "-" + run + ".log"));
    }

    private static ServiceRun tokenService(MeasuredStart measure, Services launcher, Path jar, Map<Long, String> topics,
                                           long size, String heap, int run, Duration timeout, Path logs)
            throws Exception {
        Launch launch = launcher.tokenService(jar, topics.get(size), heap);
        return measure.run(TOKEN_SERVICE, size, run, heap, launch, activeTokens(size), timeout,
                logs.resolve("token-service-" + size + "-" + heap + "-" + run + ".log"));
    }

    /** Issues minus revocations: every {@value #REVOKE_EVERY}th event revokes an earlier token. */
    static long activeTokens(long events) {
        long revocations = events / REVOKE_EVERY;
        return events - 2 * revocations;
    }

    /** One topic per size, each a prefix of the same chain: only the longest log is signed. */
    private static Map<Long, String> writeLogs(EmbeddedKafka kafka, KeyPair keys, List<Long> sizes) throws Exception {
        long largest = sizes.get(sizes.size() - 1);
        Map<Long, String> topics = new TreeMap<>();
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (long size : sizes) {
            String topic = TokenTopic.local("liberator.scale-bench." + size).createIn(kafka).name();
            topics.put(size, topic);
            lengths.put(topic, size);
        }
        // events one second apart, ending now: the tokens with an expiry (a year after issue) are all live
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(largest);
        SignedLogWriter.Shape shape = new SignedLogWriter.Shape(REVOKE_EVERY, 7, Duration.ofDays(365), 200, start,
                Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        new SignedLogWriter(new EventSigner(keys), shape).write(kafka.bootstrapServers(), lengths);
        OUT.printf(Locale.ROOT, "# wrote %,d events, every one signed (topics of %s events, prefixes of one chain) "
                        + "in %.1f s; load: %s%n", largest, sizes, (System.nanoTime() - t0) / 1e9,
                MeasuredStart.loadAverage());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (Map.Entry<Long, String> topic : topics.entrySet()) {
                long end = admin.listOffsets(Map.of(new TopicPartition(topic.getValue(), 0), OffsetSpec.latest()))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next().offset();
                if (end != topic.getKey()) {
                    throw new IllegalStateException(topic.getValue() + " holds " + end + " records, not " + topic.getKey());
                }
            }
        }
        return topics;
    }

    private static final String HEADER = "| service | events | -Xmx | run | ready s | all tokens s | CPU s | GC s (full GCs) "
            + "| peak RSS MiB | heap after full GC MiB | tokens | outcome | load before → after |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private static ServiceRun report(ServiceRun run) {
        OUT.println(String.format(Locale.ROOT, "| %s | %,d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |",
                run.service(), run.events(), run.heap(), run.run(), number(run.readySeconds(), "%.1f"),
                number(run.completeSeconds(), "%.1f"), number(run.cpuSeconds(), "%.1f"), gc(run.gc()),
                number(run.peakRssMib(), "%.0f"), number(run.heapAfterGcMib(), "%.0f"), tokens(run), outcome(run),
                load1(run.loadBefore()), load1(run.loadAfter())));
        if (!run.cpuByThread().isEmpty()) {
            OUT.println("<!-- CPU s by thread: " + run.cpuByThread().entrySet().stream().limit(10)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")) + " -->");
        }
        if (run.outcome() != ServiceRun.Outcome.COMPLETE) {
            OUT.println("<!-- last lines of " + run.log() + ":");
            run.lastLines().forEach(line -> OUT.println("     " + line.replace("--", "- -")));
            OUT.println("-->");
        }
        return run;
    }

    private static String gc(JvmProbe.Gc gc) {
        return gc == null ? "—" : String.format(Locale.ROOT, "%.1f (%d)", gc.seconds(), gc.full());
    }

    private static String tokens(ServiceRun run) {
        String tokens = run.tokens() < 0 ? "—" : String.format(Locale.ROOT, "%,d", run.tokens());
        return run.headSeq() < 0 ? tokens : tokens + String.format(Locale.ROOT, " (head seq %,d)", run.headSeq());
    }

    private static String outcome(ServiceRun run) {
        String exit = run.exitedSeconds() < 0 ? "" : String.format(Locale.ROOT, ", exited at %.1f s", run.exitedSeconds());
        return switch (run.outcome()) {
            case COMPLETE -> "ready";
            case INCOMPLETE -> String.format(Locale.ROOT, "ready, tokens incomplete after %.0f s", run.endSeconds());
            case OUT_OF_MEMORY -> String.format(Locale.ROOT, "**OutOfMemoryError** at %.1f s%s%s", run.endSeconds(),
                    run.readySeconds() >= 0 ? " (after ready)" : "",
                    exit.isEmpty() ? ", process still running" : exit);
            case EXITED -> "exited before ready" + exit;
            case TIMED_OUT -> String.format(Locale.ROOT, "not ready after %.0f s", run.endSeconds());
        };
    }

    /** Medians per service, heap and size; the heap per million events over the sizes that came up. */
    private static void summary(List<ServiceRun> runs) {
        OUT.println("| service | -Xmx | events | runs | median ready s | median peak RSS MiB "
                + "| median heap after full GC MiB | outcomes |");
        OUT.println("|---|---|---|---|---|---|---|---|");
        Map<String, Map<Long, List<ServiceRun>>> grouped = runs.stream().collect(Collectors.groupingBy(
                run -> run.service() + " | " + run.heap(), LinkedHashMap::new,
                Collectors.groupingBy(ServiceRun::events, TreeMap::new, Collectors.toList())));
        grouped.forEach((serviceAndHeap, bySize) -> bySize.forEach((events, list) -> OUT.printf(Locale.ROOT,
                "| %s | %,d | %d | %s | %s | %s | %s |%n", serviceAndHeap, events, list.size(),
                number(median(list, ServiceRun::readySeconds), "%.1f"),
                number(median(list, ServiceRun::peakRssMib), "%.0f"),
                number(median(list, ServiceRun::heapAfterGcMib), "%.0f"),
                list.stream().map(r -> r.outcome().label()).collect(Collectors.joining(", ")))));
        OUT.println();
        grouped.forEach((serviceAndHeap, bySize) -> OUT.println(sizingRule(serviceAndHeap, bySize)));
        baselineRatio(runs);
    }

    /** The measured gateway's median ready time over the baseline's, at each size both ran. */
    private static void baselineRatio(List<ServiceRun> runs) {
        Map<String, Map<Long, List<ServiceRun>>> byJar = runs.stream()
                .filter(run -> run.service().startsWith(GATEWAY))
                .collect(Collectors.groupingBy(run -> run.service() + " " + run.heap(), Collectors.groupingBy(
                        ServiceRun::events, TreeMap::new, Collectors.toList())));
        byJar.forEach((key, bySize) -> {
            if (!key.startsWith(GATEWAY_BASELINE)) {
                return;
            }
            Map<Long, List<ServiceRun>> measured = byJar.getOrDefault(GATEWAY + key.substring(GATEWAY_BASELINE.length()),
                    Map.of());
            bySize.forEach((events, baselineRuns) -> {
                List<ServiceRun> same = measured.getOrDefault(events, List.of());
                double before = median(baselineRuns, ServiceRun::readySeconds);
                double after = median(same, ServiceRun::readySeconds);
                if (before > 0 && after > 0) {
                    OUT.printf(Locale.ROOT, "- gateway against the baseline at %,d events: median ready %.1f s → %.1f s "
                            + "(%.2f×); %d and %d runs, alternating%n", events, before, after, after / before,
                            baselineRuns.size(), same.size());
                }
            });
        });
    }

    /** Least squares of the median heap after a full GC over the sizes at which the service came up complete. */
    private static String sizingRule(String serviceAndHeap, Map<Long, List<ServiceRun>> bySize) {
        String label = serviceAndHeap.replace(" | ", " at -Xmx");
        List<double[]> points = new ArrayList<>();
        bySize.forEach((events, list) -> {
            List<ServiceRun> complete = list.stream().filter(r -> r.outcome() == ServiceRun.Outcome.COMPLETE
                    && r.heapAfterGcBytes() > 0).toList();
            if (!complete.isEmpty()) {
                points.add(new double[] {events / 1e6, median(complete, ServiceRun::heapAfterGcMib)});
            }
        });
        if (points.size() < 2) {
            return "- " + label + ": came up complete at fewer than two sizes; no sizing rule";
        }
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        return String.format(Locale.ROOT,
                "- %s: heap after full GC ≈ %.0f MiB + %.0f MiB per million events (%.0f bytes per event); fit over %s",
                label, intercept, slope, slope * 1048576 / 1e6,
                points.stream().map(p -> String.format(Locale.ROOT, "%.2fM → %.0f MiB", p[0], p[1]))
                        .collect(Collectors.joining(", ")));
    }

    private static double median(List<ServiceRun> runs, ToDoubleFunction<ServiceRun> value) {
        double[] values = runs.stream().mapToDouble(value).filter(v -> v >= 0).sorted().toArray();
        return values.length == 0 ? -1 : values[values.length / 2];
    }

    private static String number(double value, String format) {
        return value < 0 ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String load1(String loadavg) {
        return loadavg.split(" ")[0];
    }

    private static List<String> options(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    private static boolean requireJar(Path jar, String service) {
        if (Files.isRegularFile(jar)) {
            return true;
        }
        OUT.println("# " + jar + " not found: " + service + " not measured (build it with 'mvn -B -ntp -q -pl "
                + service + " -am package -DskipTests')");
        return false;
    }

    /** The last {@code name=value} given wins, so a script's defaults can be overridden after them. */
    private static String arg(String[] args, String name, String fallback) {
        String value = fallback;
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                value = a.substring(name.length() + 1);
            }
        }
        return value;
    }
}
