package com.cloudquant.liberator.gateway.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

/**
 * The series of two tenants in one TSDB: {@code namespace="payments"} (tenant A, the scoped
 * token's) and {@code namespace="risk"} (tenant B), across the clusters {@code eu-1, eu-2, us-1},
 * plus node and ingress series with no {@code namespace} at all. Both tenants share most metric
 * names (as teams running the same stack do); B alone has the {@code risk_*} metrics, the
 * {@code desk} and {@code model} labels, and its own jobs, instances, handlers and versions.
 *
 * <p>Samples every {@link #STEP} seconds from {@link #FIRST} to {@link #LAST}: fixed instants,
 * so every answer about them is the same on every run. Queries ask about {@link #AT}.
 */
final class TwoTenantData {

    /** 2023-11-14T22:13:20Z: the {@code time=} of every oracle query. */
    static final long AT = 1_700_000_000L;
    static final long FIRST = AT - 4 * 3600;
    /** Half an hour after {@link #AT}, so negative offsets find data too. */
    static final long LAST = AT + 1800;
    static final long STEP = 30;
    static final String TENANT_A = "payments";
    static final String TENANT_B = "risk";

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<FixtureSeries> series = new ArrayList<>();

    /** A scrape target: the labels every series of it carries ({@code namespace} null for none). */
    record Target(String namespace, String cluster, String job, String instance) {
        SortedMap<String, String> labels(String... more) {
            SortedMap<String, String> labels = new TreeMap<>();
            if (namespace != null) {
                labels.put("namespace", namespace);
            }
            labels.put("cluster", cluster);
            labels.put("job", job);
            labels.put("instance", instance);
            for (int i = 0; i < more.length; i += 2) {
                labels.put(more[i], more[i + 1]);
            }
            return labels;
        }

        String pod() {
            return instance.substring(0, instance.indexOf(':'));
        }
    }

    static TwoTenantData build() {
        TwoTenantData data = new TwoTenantData();
        FixtureApps.addTo(data);
        return data;
    }

    List<FixtureSeries> series() {
        return Collections.unmodifiableList(series);
    }

    List<Family> families() {
        return List.copyOf(families.values());
    }

    // --- what the fixture definitions call

    void counter(String name, String help, SortedMap<String, String> labels, double perSecond) {
        family(name, "counter", help);
        int k = series.size();
        add(name, labels, t -> counterValue(perSecond, k, t));
    }

    /** A counter that starts again from zero at {@code resetAt}, as after a process restart. */
    void counterWithReset(String name, String help, SortedMap<String, String> labels, double perSecond, long resetAt) {
        family(name, "counter", help);
        int k = series.size();
        add(name, labels, t -> t < resetAt ? counterValue(perSecond, k, t)
                : round(counterValue(perSecond, k, t) - counterValue(perSecond, k, resetAt)));
    }

    /** A gauge waving around {@code base} by {@code amplitude}. */
    void gauge(String name, String help, SortedMap<String, String> labels, double base, double amplitude) {
        family(name, "gauge", help);
        int k = series.size();
        add(name, labels, t -> round(base + amplitude * Math.sin((t - FIRST) / (600.0 + 120 * (k % 5)) + k)));
    }

    /** A gauge with its own shape; NaN where it has no sample. */
    void gauge(String name, String help, SortedMap<String, String> labels, LongToDoubleFunction value) {
        family(name, "gauge", help);
        add(name, labels, value);
    }

    /**
     * A classic histogram: cumulative {@code _bucket}s (one per bound in {@code le}, then {@code +Inf}),
     * {@code _sum} and {@code _count}, with {@code perSecond} observations a second whose share at or
     * below each bound is {@code shares[i]}.
     */
    void histogram(String name, String help, SortedMap<String, String> labels, double perSecond, String[] le,
                   double[] shares, double mean) {
        family(name, "histogram", help);
        int k = series.size();
        LongToDoubleFunction count = t -> Math.floor(counterValue(perSecond, k, t));
        for (int i = 0; i < le.length; i++) {
            double share = shares[i];
            add(name + "_bucket", with(labels, "le", le[i]), t -> Math.floor(count.applyAsDouble(t) * share));
        }
        add(name + "_bucket", with(labels, "le", "+Inf"), count);
        add(name + "_sum", labels, t -> round(count.applyAsDouble(t) * mean));
        add(name + "_count", labels, count);
    }

    private void family(String name, String type, String help) {
        Family known = families.putIfAbsent(name, new Family(name, type, help));
        if (known != null && !known.type().equals(type)) {
            throw new IllegalStateException(name + " is both " + known.type() + " and " + type);
        }
    }

    private void add(String name, SortedMap<String, String> labels, LongToDoubleFunction value) {
        series.add(new FixtureSeries(name, Collections.unmodifiableSortedMap(labels), value));
    }

    private static SortedMap<String, String> with(SortedMap<String, String> labels, String name, String value) {
        SortedMap<String, String> copy = new TreeMap<>(labels);
        copy.put(name, value);
        return copy;
    }

    /** Rises at {@code perSecond} on average, faster and slower in waves, never down. */
    private static double counterValue(double perSecond, int k, long t) {
        double period = 900.0 * (1 + k % 3);
        double elapsed = t - FIRST;
        return round(perSecond * elapsed + perSecond * period * 0.5 * (1 - Math.cos(elapsed / period)));
    }

    /**
     * To a multiple of 1/1024. Prometheus 2.42 adds up some nested expressions in a random series
     * order (its range evaluation collects series in a map), and a float sum in another order can
     * differ in its last digit; sums of such multiples are exact below 2^43, so in any order the same.
     */
    static double round(double value) {
        return Math.round(value * 1024) / 1024.0;
    }
}
