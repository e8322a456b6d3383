package com.cloudquant.liberator.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three kinds of value a {@link TokenLimits} holds, each with one way to read what an issuer
 * typed and one canonical text the log holds (docs/event-schema.md, "Query-limit overrides"):
 * a duration in whole seconds written {@code 90d}, {@code 1h30m}, {@code 15s}; a count written
 * in plain decimal digits; a rate with at most three decimals written without needless zeros
 * ({@code 5}, {@code 0.5}). The log's text is canonical exactly when reading it and writing it
 * back gives the same text, so the two can never drift apart.
 */
enum LimitValue {

    DURATION("a duration of whole seconds such as 90d, 12h or 1h30m"),
    COUNT("a whole number such as 20000"),
    RATE("a number of requests per second such as 5 or 0.5 (at most three decimals)");

    /** Prometheus's duration units without {@code ms}: a limit is never finer than a second. */
    private static final Pattern TYPED_DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long[] UNIT_SECONDS = {365L * 86_400, 7L * 86_400, 86_400, 3600, 60, 1};
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,10}(\\.\\d{1,3})?");
    /** A hundred years: far beyond any retention, and far from where instant arithmetic overflows. */
    static final long MAX_SECONDS = 36_500L * 86_400;
    static final long MAX_COUNT = 999_999_999_999_999_999L;
    static final double MAX_RATE = 1_000_000_000;

    private final String expected;

    LimitValue(String expected) {
        this.expected = expected;
    }

    /** What a value of this kind looks like, for messages. */
    String expected() {
        return expected;
    }

    /** The value {@code typed} names (a Duration, Long or Double), or null if it names none. */
    Object read(String typed) {
        if (typed == null) {
            return null;
        }
        switch (this) {
            case DURATION:
                Matcher m = TYPED_DURATION.matcher(typed);
                if (typed.isEmpty() || !m.matches()) {
                    return null;
                }
                long seconds = 0;
                try {
                    for (int unit = 0; unit < UNIT_SECONDS.length; unit++) {
                        String count = m.group(unit + 1);
                        if (count != null) {
                            seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(count), UNIT_SECONDS[unit]));
                        }
                    }
                } catch (ArithmeticException | NumberFormatException tooLong) {
                    seconds = Long.MAX_VALUE; // refused as above the largest limit, not as unreadable
                }
                return Duration.ofSeconds(seconds);
            case COUNT:
                return DIGITS.matcher(typed).matches() ? Long.valueOf(typed) : null;
            default:
                return DECIMAL.matcher(typed).matches() ? Double.valueOf(typed) : null;
        }
    }

    /** The canonical text of {@code value}, a Duration, Long or Double this kind holds (or is refused, for a message). */
    String canonical(Object value) {
        switch (this) {
            case DURATION:
                if (((Duration) value).isNegative()) {
                    return "-" + canonical(((Duration) value).negated()); // only ever in a refusal
                }
                long seconds = ((Duration) value).getSeconds();
                long[] counts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60};
                String[] units = {"d", "h", "m", "s"};
                StringBuilder out = new StringBuilder();
                for (int unit = 0; unit < counts.length; unit++) {
                    if (counts[unit] > 0) {
                        out.append(counts[unit]).append(units[unit]);
                    }
                }
                long millis = ((Duration) value).toMillisPart();
                if (millis > 0) {
                    out.append(millis).append("ms"); // only ever in a refusal: no limit is finer than a second
                }
                return out.length() == 0 ? "0s" : out.toString();
            case COUNT:
                return value.toString();
            default:
                return BigDecimal.valueOf((Double) value).stripTrailingZeros().toPlainString();
        }
    }

    /** Why {@code value} cannot be a limit, or null when it can: every limit is above 0 and bounded. */
    String problem(Object value) {
        switch (this) {
            case DURATION:
                Duration d = (Duration) value;
                if (d.getNano() != 0) {
                    return "must be whole seconds";
                }
                return d.getSeconds() <= 0 ? "must be > 0" : d.getSeconds() > MAX_SECONDS ? "must be at most 36500d" : null;
            case COUNT:
                long n = (Long) value;
                return n <= 0 ? "must be > 0" : n > MAX_COUNT ? "must be at most " + MAX_COUNT : null;
            default:
                double r = (Double) value;
                if (!(r > 0)) {
                    return "must be > 0";
                }
                if (r > MAX_RATE) {
                    return "must be at most 1000000000";
                }
                BigDecimal exact = BigDecimal.valueOf(r).stripTrailingZeros();
                return exact.scale() > 3 ? "must have at most three decimals" : null;
        }
    }
}
