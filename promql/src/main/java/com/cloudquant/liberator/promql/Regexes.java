package com.cloudquant.liberator.promql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label regexes compiled as Prometheus compiles them: RE2 syntax, anchored at both ends
 * ({@code ^(?:re)$}), so {@code eu-.*} never matches {@code xeu-1}. A record cannot hold the
 * compiled pattern, so a small bounded cache keeps scope regexes compiled once; a flood of
 * distinct user regexes only evicts, it cannot grow memory. {@link GoRegexSyntax} first makes
 * the accepted syntax that of the Go regexp package Prometheus uses.
 */
final class Regexes {

    private static final int CAPACITY = 512;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CAPACITY;
        }
    };

    private Regexes() {
    }

    /** @throws IllegalArgumentException naming what RE2 refused */
    static Pattern anchored(String regex) {
        synchronized (CACHE) {
            Pattern cached = CACHE.get(regex);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled;
        try {
            // Compiled alone first, as Prometheus does: "a)|(b" must be refused, not
            // wrapped into "^(?:a)|(b)$", which would match far more than the author wrote.
            String re2j = GoRegexSyntax.forRe2j(regex);
            Pattern.compile(re2j);
            compiled = Pattern.compile("^(?:" + re2j + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + Quoting.quote(regex)
                    + ": " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid regular expression " + Quoting.quote(regex)
                    + ": " + e.getMessage());
        }
        synchronized (CACHE) {
            CACHE.put(regex, compiled);
        }
        return compiled;
    }
}
