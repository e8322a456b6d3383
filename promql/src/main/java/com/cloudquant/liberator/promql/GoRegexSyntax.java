package com.cloudquant.liberator.promql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where RE2/J and the Go regexp package Prometheus 2.42 uses disagree about what is a valid
 * regex, makes ours agree with Go's, before RE2/J compiles it. Go refuses {@code (?<name>…)},
 * nested {@code {n,m}} repetitions whose counts multiply beyond 1000 and very deep nesting;
 * it accepts a capture name used twice, which RE2/J refuses (names never change what matches,
 * so they are dropped for RE2/J). RE2/J still checks everything else.
 */
final class GoRegexSyntax {

    private static final int MAX_REPEAT = 1000;
    /** Go refuses trees higher than 1000; groups add at least one level each, often two. */
    private static final int MAX_GROUP_DEPTH = 500;

    /** The product of nested repeat counts reachable from the top of one group. */
    private static final class Group {
        int max = 1;
        int last = -1; // product of the last atom, -1 when there is none to repeat
    }

    private GoRegexSyntax() {
    }

    /**
     * The regex as RE2/J should compile it (capture names removed).
     *
     * @throws IllegalArgumentException with Go's reason, for what Go refuses and RE2/J would not
     */
    static String forRe2j(String re) {
        StringBuilder out = new StringBuilder(re.length());
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group());
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            Group g = groups.peek();
            int start = i;
            if (c == '\\') {
                i = RegexScanning.escapeEnd(re, i);
                atom(g, 1);
            } else if (c == '[') {
                i = RegexScanning.classEnd(re, i);
                atom(g, 1);
            } else if (c == '(') {
                i = groupOpen(re, i, out, groups);
                if (i < 0) {
                    i = -i; // flags only, "(?i)": nothing to repeat after it
                    g.last = -1;
                }
                continue;
            } else if (c == ')' && groups.size() > 1) {
                Group closed = groups.pop();
                atom(groups.peek(), closed.max);
                i++;
            } else if (c == '|') {
                g.last = -1;
                i++;
            } else if (c == '{' && RegexScanning.repeatEnd(re, i) > 0) {
                i = RegexScanning.repeatEnd(re, i);
                repeat(g, re.substring(start + 1, i - 1));
            } else {
                i++;
                if (c != '*' && c != '+' && c != '?') {
                    atom(g, 1);
                }
            }
            out.append(re, start, i);
        }
        return out.toString();
    }

    private static void atom(Group g, int product) {
        g.last = product;
        g.max = Math.max(g.max, product);
    }

    private static void repeat(Group g, String counts) {
        int comma = counts.indexOf(',');
        int min = Integer.parseInt(counts.substring(0, comma < 0 ? counts.length() : comma));
        int max = comma < 0 ? min : comma == counts.length() - 1 ? -1 : Integer.parseInt(counts.substring(comma + 1));
        int m = max < 0 ? min : max;
        if (g.last < 0 || m == 0) {
            return; // nothing to repeat is RE2/J's error to report; {0} blocks the chain, as in Go
        }
        long product = (long) m * g.last;
        if (product > MAX_REPEAT) {
            throw new IllegalArgumentException("invalid repeat count: nested repetitions exceed " + MAX_REPEAT);
        }
        atom(g, (int) product);
    }

    /** Handles "(" at i; returns the index after what it consumed, negated for a flags-only group. */
    private static int groupOpen(String re, int i, StringBuilder out, Deque<Group> groups) {
        if (re.startsWith("(?<", i)) {
            throw new IllegalArgumentException("invalid or unsupported Perl syntax: (?<");
        }
        if (re.startsWith("(?P<", i)) {
            int close = re.indexOf('>', i);
            String name = close < 0 ? "" : re.substring(i + 4, close);
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch) && ch < 128)) {
                throw new IllegalArgumentException("invalid named capture");
            }
            out.append('(');
            push(groups);
            return close + 1;
        }
        if (re.startsWith("(?", i)) {
            int j = i + 2;
            while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
                j++;
            }
            if (j < re.length() && re.charAt(j) == ')') {
                out.append(re, i, j + 1);
                return -(j + 1);
            }
        }
        out.append('(');
        push(groups);
        return i + 1;
    }

    private static void push(Deque<Group> groups) {
        if (groups.size() > MAX_GROUP_DEPTH) {
            throw new IllegalArgumentException("expression nests too deeply (more than " + MAX_GROUP_DEPTH + " groups)");
        }
        groups.push(new Group());
    }
}
