package com.cloudquant.liberator.gateway.scope;

import java.util.Map;
import java.util.SortedMap;
import java.util.function.LongToDoubleFunction;

/**
 * One series of the two-tenant fixture.
 *
 * @param name    the sample name ({@code _bucket}, {@code _sum}, {@code _count} for a histogram's parts)
 * @param labels  its labels, sorted by name
 * @param valueAt its value at an instant (epoch seconds), NaN where it has no sample
 */
record FixtureSeries(String name, SortedMap<String, String> labels, LongToDoubleFunction valueAt) {

    /** The series as the text formats write it: {@code name{a="x",b="y"}}. */
    String selector() {
        StringBuilder out = new StringBuilder(name).append('{');
        String separator = "";
        for (Map.Entry<String, String> label : labels.entrySet()) {
            out.append(separator).append(label.getKey()).append("=\"").append(label.getValue()).append('"');
            separator = ",";
        }
        return out.append('}').toString();
    }

    /** The {@code namespace} label, or null for a series outside every tenant. */
    String namespace() {
        return labels.get("namespace");
    }
}
