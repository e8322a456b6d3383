package com.cloudquant.liberator.bench.gateway;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.kafka.EmbeddedKafka;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Side by side in one run: wrk on the instant query {@code up} through the gateway ({@code -Dgateway.heap}, default 512m), through
 * nginx (static map of the same Bearer token) and straight to Prometheus; then a 200 MB
 * /federate streamed through a {@code -Xmx128m} gateway versus direct. Prints markdown tables. With
 * {@code -Dgateway.baseline=<jar>}, a second gateway from that jar is measured in the same rounds.
 *
 * <p>Run: {@code java -cp … GatewayStackBenchmark <gateway.jar> [rounds] [seconds] [federateMB]}
 */
public final class GatewayStackBenchmark {

    private GatewayStackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int federateMb = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path dir = Files.createTempDirectory("gateway-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
             ChildProcesses children = new ChildProcesses(dir);
             FederateSource federate = new FederateSource(federateMb)) {
            String topic = TokenTopic.local().createIn(kafka).name();
            KeyPair keys = Ed25519Keys.generateInto(dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
            BearerToken token = BearerToken.generate(new SecureRandom());
            issue(kafka.bootstrapServers(), topic, new EventSigner(keys), token);
            String bearer = "Bearer " + token.reveal();

            int prometheus = children.prometheus();
            int nginx = children.nginx(prometheus, token.reveal());
            Map<String, String> env = Map.of(
                    "LIBERATOR_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "LIBERATOR_KAFKA_TOPIC", topic,
                    "LIBERATOR_SIGNING_PUBLIC_KEY_FILES", dir.resolve("signing.pub.pem").toString(),
                    "LIBERATOR_GATEWAY_MAX_IN_FLIGHT_PER_TOKEN", "1000",
                    // the bench's one token asks for tens of thousands of requests a second: the bucket is
                    // still taken on every request, it is only never empty
                    "LIBERATOR_GATEWAY_LIMITS_RATE_PER_SECOND", "100000000",
                    "LIBERATOR_GATEWAY_LIMITS_BURST", "100000000",
                    "LIBERATOR_GATEWAY_UPSTREAM_URL", "http://127.0.0.1:" + prometheus);
            long[] gateway = children.gateway(jar, System.getProperty("gateway.heap", "512m"), env);
            // -Dgateway.baseline=<another build's jar>: measured in the same run, interleaved, for a before/after
            String baselineJar = System.getProperty("gateway.baseline");
            long[] baseline = baselineJar == null ? null
                    : children.gateway(Path.of(baselineJar), System.getProperty("gateway.heap", "512m"), env);
            Map<String, String> federateEnv = new java.util.HashMap<>(env);
            federateEnv.put("LIBERATOR_GATEWAY_UPSTREAM_URL", federate.url());
            long[] federateGateway = children.gateway(jar, "128m", federateEnv);

            if ("1".equals(System.getenv("BENCH_HOLD"))) { // profiling aid: keep everything up, print how to reach it
                System.out.printf(Locale.ROOT, "HOLD bearer=%s prometheus=%d nginx=%d gateway=%d gatewayPid=%d%n", bearer,
                        prometheus, nginx, gateway[0], gateway[1]);
                Thread.sleep(Long.MAX_VALUE);
            }
            throughput(rounds, seconds, bearer, prometheus, nginx, (int) gateway[0], baseline == null ? -1 : (int) baseline[0]);
            streaming(federate.url(), (int) federateGateway[0], federateGateway[1], bearer, federateMb);
        }
    }

    private static void issue(String bootstrap, String topic, EventSigner signer, BearerToken token) throws Exception {
        TokenIssued issued = new TokenIssued("bench-1", "bench", token.sha256Hex(), token.hint(), null, "bench",
                Instant.now());
        byte[] value = EventCodec.encode(new AuditChain(signer).seal(ChainHead.GENESIS, issued, "e1"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "bench-1".getBytes(), value)).get();
        }
    }

    private static void throughput(int rounds, int seconds, String bearer, int prometheus, int nginx, int gateway,
                                   int baseline) {
        String query = "/api/v1/query?query=up";
        List<String> nameList = new ArrayList<>(List.of("prometheus direct", "nginx (static token map)", "gateway"));
        List<String> urlList = new ArrayList<>(List.of("http://127.0.0.1:" + prometheus + query,
                "http://127.0.0.1:" + nginx + "/metrics-api-bearer" + query,
                "http://127.0.0.1:" + gateway + "/metrics-api-bearer" + query));
        if (baseline > 0) {
            nameList.add("gateway (baseline jar)");
            urlList.add("http://127.0.0.1:" + baseline + "/metrics-api-bearer" + query);
        }
        String[] names = nameList.toArray(String[]::new);
        String[] urls = urlList.toArray(String[]::new);
        // warm-up of each target under the same load: the JVM needs tens of seconds of traffic before its hot
        // paths are compiled (the first 10 s of a fresh gateway run at a third of its steady rate)
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "20"));
        for (String url : urls) {
            Wrk.run(url, bearer, warmup, 16);
        }
        List<List<Wrk.Result>> results = new ArrayList<>();
        for (int i = 0; i < urls.length; i++) {
            results.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < urls.length; i++) {
                results.get(i).add(Wrk.run(urls[i], bearer, seconds, 16));
            }
        }
        for (int i = 0; i < urls.length; i++) { // every round, so the spread is visible next to the medians
            System.out.printf(Locale.ROOT, "rounds, %s: %s req/s%n", names[i], String.join(", ", results.get(i).stream()
                    .map(r -> String.format(Locale.ROOT, "%.0f", r.requestsPerSecond())).toList()));
        }
        int targets = urls.length;
        double[] rps = new double[targets];
        double[] p50 = new double[targets];
        double[] p99 = new double[targets];
        for (int i = 0; i < targets; i++) {
            rps[i] = median(results.get(i).stream().mapToDouble(Wrk.Result::requestsPerSecond).toArray());
            p50[i] = median(results.get(i).stream().mapToDouble(Wrk.Result::p50Millis).toArray());
            p99[i] = median(results.get(i).stream().mapToDouble(Wrk.Result::p99Millis).toArray());
        }
        System.out.printf(Locale.ROOT, "%nwrk -t2 -c16 -d%ds, %d interleaved rounds after a %d s warm-up of each, medians, "
                + "query `up`%n%n", seconds, rounds, warmup);
        System.out.println("| target | req/s | p50 ms | p99 ms | req/s vs nginx | p99 added over direct ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 0; i < targets; i++) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f× | %.2f |%n", names[i], rps[i], p50[i], p99[i],
                    rps[i] / rps[1], p99[i] - p99[0]);
        }
    }

    private static void streaming(String source, int gatewayPort, long gatewayPid, String bearer, int megabytes)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String path = "/federate?match%5B%5D=%7Bjob%3D%22bench%22%7D";
        System.out.printf(Locale.ROOT, "%n/federate of %d MB, gateway JVM -Xmx128m%n%n", megabytes);
        System.out.println("| path | bytes | SHA-256 (first 16) | seconds | MB/s |");
        System.out.println("|---|---|---|---|---|");
        String[] digests = new String[2];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2; i++) {
                String url = i == 0 ? source + path : "http://127.0.0.1:" + gatewayPort + "/metrics-api-bearer" + path;
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build();
                long start = System.nanoTime();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long bytes = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream body = response.body()) {
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                        bytes += n;
                    }
                }
                double secs = (System.nanoTime() - start) / 1e9;
                digests[i] = HexFormat.of().formatHex(sha.digest());
                System.out.printf(Locale.ROOT, "| %s (status %d) | %d | %s | %.2f | %.0f |%n", i == 0 ? "direct" : "gateway",
                        response.statusCode(), bytes, digests[i].substring(0, 16), secs, bytes / 1048576.0 / secs);
            }
        }
        System.out.printf(Locale.ROOT, "%nbytes equal: %s; gateway peak RSS (VmHWM): %s%n", digests[0].equals(digests[1]),
                peakRss(gatewayPid));
    }

    private static String peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
