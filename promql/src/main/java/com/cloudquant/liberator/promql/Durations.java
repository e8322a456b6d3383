package com.cloudquant.liberator.promql;

/**
 * PromQL durations ({@code 1y2w3d4h5m6s7ms}): units in that order, each at most once, as
 * Prometheus's model.ParseDuration reads them; zero is refused where PromQL needs a duration.
 * Printed back the way Prometheus prints them (years and weeks only when exact).
 */
final class Durations {

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final long NANOS_PER_MILLI = 1_000_000;

    private Durations() {
    }

    /** Milliseconds of a DURATION token; refuses a malformed, overflowing or zero duration. */
    static long parse(Token token) {
        String s = token.text();
        long nanos = 0;
        int next = 0; // index of the first unit still allowed
        int i = 0;
        while (i < s.length()) {
            int digits = i;
            while (i < s.length() && Lexer.isDigit(s.charAt(i))) {
                i++;
            }
            int unit = unitAt(s, i);
            if (digits == i || unit < next) {
                throw new PromQLException(token.pos(), "not a valid duration: " + s
                        + " (write units in the order y w d h m s ms, each once, e.g. 1h30m)");
            }
            String number = s.substring(digits, i);
            i += UNITS[unit].length();
            next = unit + 1;
            try {
                long n = Long.parseLong(number);
                nanos = Math.addExact(nanos, Math.multiplyExact(Math.multiplyExact(n, MILLIS[unit]), NANOS_PER_MILLI));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new PromQLException(token.pos(), "duration out of range: " + s);
            }
        }
        if (nanos == 0) {
            throw new PromQLException(token.pos(), "duration must be greater than 0");
        }
        return nanos / NANOS_PER_MILLI;
    }

    private static int unitAt(String s, int i) {
        if (s.startsWith("ms", i)) {
            return 6;
        }
        for (int u = 0; u < 6; u++) {
            if (s.startsWith(UNITS[u], i)) {
                return u;
            }
        }
        return -1;
    }

    /** Prints a positive number of milliseconds as Prometheus does: 90m is "1h30m", 14d is "2w". */
    static String format(long millis) {
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int u = 0; u < UNITS.length; u++) {
            boolean exactOnly = u < 2;
            if (exactOnly && rest % MILLIS[u] != 0) {
                continue;
            }
            long n = rest / MILLIS[u];
            if (n > 0) {
                sb.append(n).append(UNITS[u]);
                rest -= n * MILLIS[u];
            }
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
