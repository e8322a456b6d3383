package com.cloudquant.liberator.deploy;

import com.cloudquant.liberator.edge.GatewayMetric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The series the gateway exposes at its management port's /prometheus, read from its sources:
 * every Micrometer meter registered there, under the name Micrometer's Prometheus naming gives
 * it (dots to underscores; counters get {@code _total}; timers are histograms in seconds with
 * {@code _bucket}, {@code _count}, {@code _sum} and a {@code _max} gauge), and every tag key.
 *
 * @param series    Prometheus series names such as {@code liberator_gateway_requests_total}
 * @param tagKeys   label names the gateway puts on them
 */
record GatewayMetrics(Set<String> series, Set<String> tagKeys) {

    static final Path SOURCES = Repository.path("gateway/src/main/java");

    private static final Pattern METER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer|FunctionTimer|LongTaskTimer|DistributionSummary)"
                    + "\\s*\\.\\s*builder\\(\\s*\"([^\"]+)\"");
    /** A meter named by a shared {@link GatewayMetric} constant, e.g. {@code Counter.builder(GatewayMetric.REQUESTS.meterName())}. */
    private static final Pattern SHARED_METER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer)\\s*\\.\\s*builder\\(\\s*GatewayMetric\\.([A-Z_]+)\\.meterName\\(\\)");
    private static final Pattern TAG = Pattern.compile("\\.tag\\(\\s*\"([^\"]+)\"");
    private static final Pattern TAGS = Pattern.compile("\\.tags\\(([^;]*?)\\)\\s*[.;]");

    static GatewayMetrics fromSources() {
        Set<String> series = new TreeSet<>();
        Set<String> tagKeys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher meter = METER.matcher(code);
                while (meter.find()) {
                    series.addAll(prometheusSeries(meter.group(1), meter.group(2)));
                }
                Matcher shared = SHARED_METER.matcher(code);
                while (shared.find()) {
                    series.addAll(prometheusSeries(shared.group(1), sharedName(shared.group(2))));
                }
                if (code.contains(".tag(GatewayMetric.TOKEN_ID")) {
                    tagKeys.add(GatewayMetric.TOKEN_ID);
                }
                Matcher tag = TAG.matcher(code);
                while (tag.find()) {
                    tagKeys.add(tag.group(1));
                }
                Matcher tags = TAGS.matcher(code);
                while (tags.find()) {
                    String[] arguments = tags.group(1).split(",");
                    for (int i = 0; i + 1 < arguments.length; i += 2) {
                        String key = arguments[i].trim();
                        if (key.matches("\"[a-zA-Z_][a-zA-Z0-9_]*\"")) {
                            tagKeys.add(key.substring(1, key.length() - 1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway sources in " + SOURCES, e);
        }
        return new GatewayMetrics(series, tagKeys);
    }

    private static String sharedName(String constant) {
        try {
            return ((GatewayMetric) GatewayMetric.class.getField(constant).get(null)).meterName();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("GatewayMetric." + constant + " named in the gateway sources does not exist", e);
        }
    }

    static Set<String> prometheusSeries(String meterType, String meterName) {
        String base = meterName.replace('.', '_').replace('-', '_');
        return switch (meterType) {
            case "Counter", "FunctionCounter" -> Set.of(base.endsWith("_total") ? base : base + "_total");
            case "Timer", "FunctionTimer", "LongTaskTimer" -> histogram(base.endsWith("_seconds") ? base : base + "_seconds");
            case "DistributionSummary" -> histogram(base);
            default -> Set.of(base);
        };
    }

    private static Set<String> histogram(String base) {
        return Set.of(base + "_bucket", base + "_count", base + "_sum", base + "_max");
    }
}
