package com.cloudquant.liberator.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A token's own query limits, fixed in its {@link TokenIssued} ({@code data.limits}): each limit set
 * here replaces the gateway's configured default ({@code liberator.gateway.limits.*}) for this token
 * alone, larger or smaller; a limit left null is the gateway's default. The event's actor is who
 * granted them, and no later event changes them (a different budget is a new token).
 *
 * <p>In the log each set limit is a string in one canonical form ({@link LimitValue}), under the names
 * of {@link #NAMES}; a reader refuses anything else as MALFORMED (docs/event-schema.md).
 *
 * @param maxRange           longest {@code end - start} of a {@code query_range}
 * @param maxLookback        furthest {@code now - start} a range or series read may read back
 * @param maxPointsPerSeries most points per series of a {@code query_range}
 * @param maxQueryLength     most bytes of {@code query} plus every {@code match[]}
 * @param minStep            smallest {@code step} of a {@code query_range}
 * @param ratePerSecond      requests per second on average, per gateway replica
 * @param burst              requests at once, per gateway replica
 */
public record TokenLimits(Duration maxRange, Duration maxLookback, Long maxPointsPerSeries, Long maxQueryLength,
                          Duration minStep, Double ratePerSecond, Long burst) {

    /** The field names, as the log, the REST API and the refusals spell them, in canonical (sorted) order. */
    public static final List<String> NAMES = List.of("burst", "maxLookback", "maxPointsPerSeries", "maxQueryLength",
            "maxRange", "minStep", "ratePerSecond");
    private static final LimitValue[] KINDS = {LimitValue.COUNT, LimitValue.DURATION, LimitValue.COUNT,
            LimitValue.COUNT, LimitValue.DURATION, LimitValue.DURATION, LimitValue.RATE};

    /** No override: every limit is the gateway's default (every token issued before overrides existed). */
    public static final TokenLimits NONE = new TokenLimits(null, null, null, null, null, null, null);

    /** A value that cannot be the limit it is given for; {@link #field()} names it, e.g. {@code limits.maxRange}. */
    public static final class InvalidLimitException extends IllegalArgumentException {
        private final String field;

        InvalidLimitException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Checks every value set against its limit: the same rules however the limits were made (typed
     * by an issuer, read from the log, or built in code). Not a compact constructor, so that the
     * check reads the values through {@link #values()}, the one list of them in the order of {@link #NAMES}.
     *
     * @throws InvalidLimitException naming the first field, in the order of {@link #NAMES}, whose value
     *                               cannot be its limit
     */
    public TokenLimits(Duration maxRange, Duration maxLookback, Long maxPointsPerSeries, Long maxQueryLength,
                       Duration minStep, Double ratePerSecond, Long burst) {
        this.maxRange = maxRange;
        this.maxLookback = maxLookback;
        this.maxPointsPerSeries = maxPointsPerSeries;
        this.maxQueryLength = maxQueryLength;
        this.minStep = minStep;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        Object[] values = values();
        for (int i = 0; i < KINDS.length; i++) {
            String problem = values[i] == null ? null : KINDS[i].problem(values[i]);
            if (problem != null) {
                throw invalid(NAMES.get(i), problem + ", e.g. " + KINDS[i].expected() + "; got "
                        + KINDS[i].canonical(values[i]));
            }
        }
    }

    /** Whether no limit is overridden. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** The overridden limits by name, each in its canonical text, sorted by name: what the log holds. */
    public SortedMap<String, String> canonical() {
        Object[] values = values();
        SortedMap<String, String> out = new TreeMap<>();
        for (int i = 0; i < KINDS.length; i++) {
            if (values[i] != null) {
                out.put(NAMES.get(i), KINDS[i].canonical(values[i]));
            }
        }
        return out;
    }

    /** One line for logs and listings: {@code burst=50 maxRange=90d}, or {@code -} when none is overridden. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        canonical().forEach((name, text) -> out.append(out.length() == 0 ? "" : " ").append(name).append('=').append(text));
        return out.length() == 0 ? "-" : out.toString();
    }

    /**
     * The limits an issuer asked for, by name, each value as typed (a Prometheus duration in whole
     * seconds, digits, a decimal rate).
     *
     * @throws InvalidLimitException naming the first field that is unknown or cannot be its limit
     */
    public static TokenLimits typed(Map<String, String> values) {
        return of(values, false);
    }

    /**
     * The limits as a {@code TokenIssued} holds them: known names only, at least one, each value in
     * exactly its canonical text. Anything else makes the record MALFORMED.
     */
    static TokenLimits fromLog(Map<String, String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("field 'limits' must name at least one limit (absent when none is set)");
        }
        return of(values, true);
    }

    private static TokenLimits of(Map<String, String> values, boolean strict) {
        Object[] read = new Object[NAMES.size()];
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            int at = NAMES.indexOf(name);
            if (at < 0) {
                throw invalid(name, "is not a limit: the limits are " + String.join(", ", NAMES));
            }
            LimitValue kind = KINDS[at];
            read[at] = kind.read(entry.getValue());
            if (read[at] == null) {
                throw invalid(name, "must be " + kind.expected() + ", got \"" + Printable.line(entry.getValue()) + "\"");
            }
        }
        // read is in the order of NAMES, the constructor's in the order of the components; it checks each limit
        TokenLimits limits = new TokenLimits((Duration) read[4], (Duration) read[1], (Long) read[2], (Long) read[3],
                (Duration) read[5], (Double) read[6], (Long) read[0]);
        if (strict) {
            SortedMap<String, String> canonical = limits.canonical();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                String written = canonical.get(entry.getKey());
                if (!written.equals(entry.getValue())) {
                    throw invalid(entry.getKey(), "is not in canonical form, which is " + written);
                }
            }
        }
        return limits;
    }

    /** The values in the order of {@link #NAMES}. */
    private Object[] values() {
        return new Object[] {burst, maxLookback, maxPointsPerSeries, maxQueryLength, maxRange, minStep, ratePerSecond};
    }

    private static InvalidLimitException invalid(String name, String problem) {
        return new InvalidLimitException("limits." + name, "limits." + name + " " + problem);
    }
}
