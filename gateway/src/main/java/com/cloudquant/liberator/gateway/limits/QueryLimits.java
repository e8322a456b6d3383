package com.cloudquant.liberator.gateway.limits;

import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.gateway.config.LimitProperties;
import com.cloudquant.liberator.gateway.error.GatewayRejection;
import com.cloudquant.liberator.gateway.scope.RequestParameters;
import com.cloudquant.liberator.gateway.scope.ScopedEndpoint;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code liberator.gateway.limits.*} on the reads that cost Prometheus the most: how long a
 * query is, how far back and over how long a range it reads, and how many points per series it
 * asks for. Each refusal is 422 {@code execution} (Prometheus's status for a query it will not
 * run) naming the limit, the value asked for and what to change in Grafana; a value that cannot
 * be read is 400 {@code bad_data} ({@link PrometheusTimes}). Scoped and unscoped requests are
 * judged on the same {@link RequestParameters}.
 *
 * <p>A token issued with its own limits ({@link TokenLimits}, read from its signed {@code TokenIssued})
 * is judged by those where it has them and by the settings elsewhere ({@link AppliedLimits}); a
 * refusal names which: the setting's key, or "this token's own limit" and its field.
 */
@Context // eager: a setting that cannot be a limit must stop start-up, not the first request
public final class QueryLimits {

    private static final Set<ScopedEndpoint> LIMITED = EnumSet.of(ScopedEndpoint.QUERY, ScopedEndpoint.QUERY_RANGE,
            ScopedEndpoint.QUERY_EXEMPLARS, ScopedEndpoint.SERIES, ScopedEndpoint.LABELS, ScopedEndpoint.LABEL_VALUES);

    private final LimitProperties limits;

    public QueryLimits(LimitProperties limits) {
        this.limits = limits;
    }

    /** Whether requests to {@code endpoint} are judged here (the query and series reads). */
    public static boolean judges(ScopedEndpoint endpoint) {
        return LIMITED.contains(endpoint);
    }

    /**
     * Refuses a request to a judged endpoint that exceeds a limit at {@code now}: the token's own
     * {@code overrides} where it has them ({@link TokenLimits#NONE} for none), the settings elsewhere.
     *
     * @throws GatewayRejection 422 for a limit exceeded, 400 for a value that is not a time or duration
     */
    public void check(ScopedEndpoint endpoint, RequestParameters parameters, Instant now, TokenLimits overrides) {
        AppliedLimits applied = new AppliedLimits(limits, overrides);
        checkLength(endpoint, parameters, applied);
        if (endpoint == ScopedEndpoint.QUERY) {
            return; // an instant query reads a few minutes before its time, wherever that is: its length is the limit
        }
        String startText = parameters.value("start");
        // without start Prometheus reads from the beginning of its data: the furthest lookback there is
        Instant start = startText == null ? Instant.MIN : PrometheusTimes.time("start", startText);
        String endText = parameters.value("end");
        Instant end = endText == null ? now : PrometheusTimes.time("end", endText);
        checkLookback("start", start, now, applied);
        if (endpoint == ScopedEndpoint.QUERY_RANGE) {
            checkRange(start, end, applied);
            checkStep(start, end, parameters.value("step"), applied);
        }
    }

    private static void checkLength(ScopedEndpoint endpoint, RequestParameters parameters, AppliedLimits applied) {
        String name = endpoint.rewrite() == ScopedEndpoint.Rewrite.QUERY ? "query" : ScopedEndpoint.MATCH;
        long bytes = 0;
        for (String text : parameters.all(name)) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        long max = applied.maxQueryLength();
        if (bytes > max) {
            throw refused("the " + (name.equals("query") ? "query" : "match[] selectors") + " is " + bytes
                    + " bytes, above " + max + " bytes (" + applied.source("maxQueryLength") + "): shorten the"
                    + " query; a multi-value variable with \"All\" can use a Custom all value such as .*",
                    "limit_query_length");
        }
    }

    private static void checkLookback(String parameter, Instant from, Instant now, AppliedLimits applied) {
        Duration lookback = applied.maxLookback();
        if (lookback.isZero() || !from.isBefore(now.minus(lookback))) {
            return;
        }
        String asked = from == Instant.MIN ? "no " + parameter + " (from the beginning of the data)"
                : parameter + " " + from + ", " + PrometheusTimes.show(Duration.between(from, now)) + " ago";
        throw refused("the request reads back further than " + PrometheusTimes.show(lookback) + " ("
                + applied.source("maxLookback") + "): it asked for " + asked + "; choose a time range that starts"
                + " within the last " + PrometheusTimes.show(lookback), "limit_lookback");
    }

    private static void checkRange(Instant start, Instant end, AppliedLimits applied) {
        Duration range = Duration.between(start, end);
        Duration maxRange = applied.maxRange();
        if (!maxRange.isZero() && range.compareTo(maxRange) > 0) {
            throw refused("the time range is " + PrometheusTimes.show(range) + ", longer than " + PrometheusTimes.show(maxRange)
                    + " (" + applied.source("maxRange") + "): shorten the dashboard's time range", "limit_range");
        }
    }

    private static void checkStep(Instant start, Instant end, String stepText, AppliedLimits applied) {
        if (stepText == null) {
            throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", "invalid parameter \"step\": a range query"
                    + " needs a step (seconds, or a duration such as 15s)", "bad_step");
        }
        Duration step = PrometheusTimes.duration("step", stepText);
        if (step.isNegative() || step.isZero()) {
            throw new GatewayRejection(HttpStatus.BAD_REQUEST, "bad_data", "invalid parameter \"step\": zero or"
                    + " negative query resolution step widths are not accepted. Try a positive integer", "bad_step");
        }
        Duration minStep = applied.minStep();
        if (step.compareTo(minStep) < 0) {
            throw refused("the step is " + PrometheusTimes.show(step) + ", below " + PrometheusTimes.show(minStep)
                    + " (" + applied.source("minStep") + "): widen the panel's Min interval to at least "
                    + PrometheusTimes.show(minStep), "limit_step");
        }
        long points = pointsPerSeries(Duration.between(start, end), step);
        long maxPoints = applied.maxPointsPerSeries();
        if (points > maxPoints) {
            // whole seconds, one unit: what Grafana's Min interval field takes
            long needed = Duration.between(start, end).dividedBy(maxPoints).getSeconds() + 1;
            throw refused("the query asks for " + points + " points per series (range / step), above "
                    + maxPoints + " (" + applied.source("maxPointsPerSeries") + "): widen the panel's Min"
                    + " interval to at least " + needed + "s, or shorten the time range", "limit_points");
        }
    }

    /** {@code range / step} as Prometheus counts it (whole steps); a count beyond a long is Long.MAX_VALUE. */
    static long pointsPerSeries(Duration range, Duration step) {
        try {
            return range.isNegative() ? 0 : range.dividedBy(step);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static GatewayRejection refused(String message, String reason) {
        return new GatewayRejection(HttpStatus.UNPROCESSABLE_ENTITY, "execution", message, reason);
    }
}
