package com.cloudquant.liberator.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk --latency} and reads requests/s and latency percentiles from its report. */
final class Wrk {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    record Result(double requestsPerSecond, double p50Millis, double p99Millis, String raw) {
    }

    private Wrk() {
    }

    static Result run(String url, String authorization, int seconds, int connections) {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: " + authorization, url);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            if (out.contains("Non-2xx")) {
                throw new IllegalStateException("non-2xx answers from " + url + ":\n" + out);
            }
            Matcher rps = RPS.matcher(out);
            if (!rps.find()) {
                throw new IllegalStateException("cannot read wrk output (is the Debian package wrk installed?):\n" + out);
            }
            double p50 = 0;
            double p99 = 0;
            Matcher p = PERCENTILE.matcher(out);
            while (p.find()) {
                double millis = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                    case "us" -> 0.001;
                    case "ms" -> 1.0;
                    default -> 1000.0;
                };
                if (p.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            }
            return new Result(Double.parseDouble(rps.group(1)), p50, p99, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
