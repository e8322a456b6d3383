package com.cloudquant.liberator.promql.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Malformed variants of valid queries, the same on every run. */
public final class Mutations {

    private Mutations() {
    }

    /** Deterministic damage to each corpus query: cut, drop, insert and double characters. */
    public static List<String> of(List<String> corpus) {
        Random random = new Random(16);
        String inserts = "(){}[],=~!@:\"'`#+-*/^ 0a.";
        List<String> out = new ArrayList<>();
        for (String q : corpus) {
            int n = q.length();
            out.add(q.substring(0, n / 2));
            int drop = random.nextInt(n);
            out.add(q.substring(0, drop) + q.substring(drop + 1));
            int at = random.nextInt(n + 1);
            out.add(q.substring(0, at) + inserts.charAt(random.nextInt(inserts.length())) + q.substring(at));
            int twice = random.nextInt(n);
            out.add(q.substring(0, twice + 1) + q.substring(twice));
        }
        return out;
    }
}
