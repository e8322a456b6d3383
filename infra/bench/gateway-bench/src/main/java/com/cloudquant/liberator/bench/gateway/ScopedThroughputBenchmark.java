package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import com.cloudquant.liberator.promql.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scoped versus unscoped {@code query=up} through the same gateway replica, same run: an
 * unscoped token (streamed pass-through) and a token scoped {@code {job="prometheus"}} (parse,
 * scope, re-print, re-parse, one canonical upstream request). wrk rounds interleaved after a
 * warm-up of each; prints a markdown table with medians.
 *
 * <p>Run: {@code java -cp … ScopedThroughputBenchmark <gateway.jar> [rounds] [seconds]}
 */
public final class ScopedThroughputBenchmark {

    private static final String SCOPE = "{job=\"prometheus\"}";
    /** USER_HZ: the unit of /proc/<pid>/stat CPU times on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private ScopedThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "20"));
        Path dir = Files.createTempDirectory("scoped-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
             ChildProcesses children = new ChildProcesses(dir)) {
            String topic = TokenTopic.local().createIn(kafka).name();
            KeyPair keys = Ed25519Keys.generateInto(dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
            BearerToken unscoped = BearerToken.generate(new SecureRandom());
            BearerToken scoped = BearerToken.generate(new SecureRandom());
            issue(kafka.bootstrapServers(), topic, new EventSigner(keys), unscoped, scoped);
            int prometheus = children.prometheus();
            long[] gateway = children.gateway(jar, System.getProperty("gateway.heap", "512m"), Map.of(
                    "LIBERATOR_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "LIBERATOR_KAFKA_TOPIC", topic,
                    "LIBERATOR_SIGNING_PUBLIC_KEY_FILES", dir.resolve("signing.pub.pem").toString(),
                    "LIBERATOR_GATEWAY_MAX_IN_FLIGHT_PER_TOKEN", "1000",
                    "LIBERATOR_GATEWAY_LIMITS_RATE_PER_SECOND", "100000000", // one token at wrk's pace: never empty
                    "LIBERATOR_GATEWAY_LIMITS_BURST", "100000000",
                    "LIBERATOR_GATEWAY_UPSTREAM_URL", "http://127.0.0.1:" + prometheus));
            String url = "http://127.0.0.1:" + gateway[0] + "/metrics-api-bearer/api/v1/query?query=up";
            String[] names = {"unscoped token", "scoped token " + SCOPE};
            String[] bearers = {"Bearer " + unscoped.reveal(), "Bearer " + scoped.reveal()};
            for (String bearer : bearers) {
                Wrk.run(url, bearer, warmup, 16);
            }
            List<List<Wrk.Result>> results = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 2; i++) {
                    long before = cpuTicks(gateway[1]);
                    Wrk.Result result = Wrk.run(url, bearers[i], seconds, 16);
                    results.get(i).add(result);
                    // CPU the gateway process spent per request: steadier than req/s on a shared machine
                    cpu.get(i).add((cpuTicks(gateway[1]) - before) * 1e6 / TICKS_PER_SECOND
                            / (result.requestsPerSecond() * seconds));
                }
            }
            report(names, results, cpu, rounds, seconds, warmup);
        }
    }

    /** An unscoped then a scoped issue, chained and signed as the token-service writes them. */
    private static void issue(String bootstrap, String topic, EventSigner signer, BearerToken unscoped,
                              BearerToken scoped) throws Exception {
        AuditChain chain = new AuditChain(signer);
        EventEnvelope first = chain.seal(ChainHead.GENESIS, new TokenIssued("bench-1", "bench", unscoped.sha256Hex(),
                unscoped.hint(), null, "bench", Instant.now()), "e1");
        EventEnvelope second = chain.seal(first.head(), new TokenIssued("bench-2", "bench-scoped", scoped.sha256Hex(),
                scoped.hint(), null, "bench", Instant.now(), null, Scope.parse(SCOPE)), "e2");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "bench-1".getBytes(), EventCodec.encode(first))).get();
            producer.send(new ProducerRecord<>(topic, "bench-2".getBytes(), EventCodec.encode(second))).get();
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat, after the command name). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void report(String[] names, List<List<Wrk.Result>> results, List<List<Double>> cpu, int rounds,
                               int seconds, int warmup) {
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "rounds, %s: %s req/s%n", names[i], String.join(", ", results.get(i).stream()
                    .map(r -> String.format(Locale.ROOT, "%.0f", r.requestsPerSecond())).toList()));
        }
        System.out.printf(Locale.ROOT, "%nwrk -t2 -c16 -d%ds, %d interleaved rounds after a %d s warm-up of each, medians, "
                + "query `up`, one gateway replica%n%n", seconds, rounds, warmup);
        System.out.println("| token | req/s | p50 ms | p99 ms | req/s vs unscoped | gateway CPU µs/request |");
        System.out.println("|---|---|---|---|---|---|");
        double base = median(results.get(0).stream().mapToDouble(Wrk.Result::requestsPerSecond).toArray());
        for (int i = 0; i < names.length; i++) {
            double rps = median(results.get(i).stream().mapToDouble(Wrk.Result::requestsPerSecond).toArray());
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f× | %.0f |%n", names[i], rps,
                    median(results.get(i).stream().mapToDouble(Wrk.Result::p50Millis).toArray()),
                    median(results.get(i).stream().mapToDouble(Wrk.Result::p99Millis).toArray()), rps / base,
                    median(cpu.get(i).stream().mapToDouble(Double::doubleValue).toArray()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
