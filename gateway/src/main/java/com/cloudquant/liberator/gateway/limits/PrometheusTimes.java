package com.cloudquant.liberator.gateway.limits;

import com.cloudquant.liberator.gateway.error.GatewayRejection;
import io.micronaut.http.HttpStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations as Prometheus 2.42's HTTP API reads them ({@code parseTime},
 * {@code parseDuration}): a time is unix seconds with decimals or RFC 3339; a duration is float
 * seconds or a Prometheus duration ({@code 15s}, {@code 1m30s}, {@code 1w}). What cannot be read
 * here is refused (400 {@code bad_data} naming the parameter), never passed on: a limit that
 * cannot be evaluated is not met. Go's float syntax is wider ({@code Inf}, {@code NaN}, hex);
 * no client sends those for a time, so they are refused rather than given a meaning.
 */
final class PrometheusTimes {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    /** Prometheus's own spelling of its earliest and latest time, which its Go client sends for "unbounded". */
    static final String MIN_TIME = "-292273086-05-16T16:47:06Z";
    static final String MAX_TIME = "292277025-08-18T07:12:54.999999999Z";
    /** Unix seconds whose milliseconds fit a long (year ±285 million): a time beyond cannot be meant. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(9_000_000_000_000_000L / 1000);

    /** Go's int64 nanoseconds in whole seconds, rounded up: checked before scaling, so a huge exponent never reaches it. */
    private static final BigDecimal MAX_DURATION_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L + 1);

    private PrometheusTimes() {
    }

    /**
     * {@code text} (which matched {@link #DECIMAL}) as a number; an exponent beyond what a BigDecimal holds
     * ({@code 1e-2147483648}) is out of range for Go's float64 too (0 or Inf), and refused like one.
     */
    private static BigDecimal decimal(String parameter, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw bad(parameter, text, "is out of range");
        }
    }

    /** The instant {@code text} names; {@code parameter} is named in the 400 if it names none. */
    static Instant time(String parameter, String text) {
        if (MIN_TIME.equals(text)) {
            return Instant.MIN;
        }
        if (MAX_TIME.equals(text)) {
            return Instant.MAX;
        }
        if (DECIMAL.matcher(text).matches()) {
            BigDecimal seconds = decimal(parameter, text);
            if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
                throw bad(parameter, text, "is out of range");
            }
            // Prometheus rounds to milliseconds
            BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN);
            return Instant.ofEpochMilli(millis.longValueExact());
        }
        if (RFC3339.matcher(text).matches()) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw bad(parameter, text, "is not a valid date and time");
            }
        }
        throw bad(parameter, text, "is not a time: use unix seconds (1700000000 or 1700000000.123) or RFC 3339"
                + " (2023-11-14T22:13:20Z)");
    }

    /** The duration {@code text} names (may be zero or negative: the caller decides). */
    static Duration duration(String parameter, String text) {
        if (DECIMAL.matcher(text).matches()) {
            BigDecimal seconds = decimal(parameter, text);
            if (seconds.abs().compareTo(MAX_DURATION_SECONDS) > 0) {
                throw bad(parameter, text, "overflows a duration");
            }
            BigDecimal nanos = seconds.movePointRight(9);
            if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw bad(parameter, text, "overflows a duration");
            }
            return Duration.ofNanos(nanos.longValue()); // Go converts to int64 nanoseconds, dropping the fraction
        }
        Matcher m = DURATION.matcher(text);
        if (!text.isEmpty() && m.matches()) {
            try {
                long millis = 0;
                for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
                    String count = m.group(unit + 1);
                    if (count != null) {
                        millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(count), UNIT_MILLIS[unit]));
                    }
                }
                return Duration.ofMillis(millis);
            } catch (ArithmeticException | NumberFormatException e) {
                throw bad(parameter, text, "overflows a duration");
            }
        }
        throw bad(parameter, text, "is not a duration: use seconds (15, 0.5) or a Prometheus duration (15s, 1m30s)");
    }

    /**
     * {@code duration} as a Prometheus duration ({@code 32d}, {@code 1h30m}, {@code 15s}, {@code 500ms}),
     * whole milliseconds, so a message shows a value that can be typed back into Grafana.
     */
    static String show(Duration duration) {
        if (duration.isNegative()) {
            return "-" + show(duration.negated());
        }
        long seconds = duration.getSeconds(); // not toMillis(): a range to the end of time overflows it
        long[] counts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60,
                duration.getNano() / 1_000_000};
        String[] names = {"d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        for (int unit = 0; unit < counts.length; unit++) {
            if (counts[unit] > 0) {
                out.append(counts[unit]).append(names[unit]);
            }
        }
        return out.length() > 0 ? out.toString() : duration.isZero() ? "0s" : "<1ms";
    }

    private static GatewayRejection bad(String parameter, String text, String problem) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data",
                "invalid parameter \"" + parameter + "\": \"" + shown + "\" " + problem, "bad_" + parameter);
    }
}
