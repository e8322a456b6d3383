package com.cloudquant.liberator.gateway.limits;

import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.gateway.config.LimitProperties;
import java.time.Duration;
import java.util.Locale;

/**
 * The query limits one token's request is judged by: the token's own ({@link TokenLimits}, from
 * its signed {@code TokenIssued}) where it has them, the settings elsewhere; and, for a refusal,
 * which of the two a limit came from.
 *
 * @param settings {@code liberator.gateway.limits.*}
 * @param own      the token's own limits, {@link TokenLimits#NONE} for none
 */
record AppliedLimits(LimitProperties settings, TokenLimits own) {

    private static final String KEY = "liberator.gateway.limits.";

    long maxQueryLength() {
        return own.maxQueryLength() != null ? own.maxQueryLength() : settings.maxQueryLength();
    }

    Duration maxLookback() {
        return own.maxLookback() != null ? own.maxLookback() : settings.maxLookback();
    }

    Duration maxRange() {
        return own.maxRange() != null ? own.maxRange() : settings.maxRange();
    }

    Duration minStep() {
        return own.minStep() != null ? own.minStep() : settings.minStep();
    }

    long maxPointsPerSeries() {
        return own.maxPointsPerSeries() != null ? own.maxPointsPerSeries() : settings.maxPointsPerSeries();
    }

    /**
     * Where the limit {@code field} (a {@link TokenLimits#NAMES} name) came from, for the refusal:
     * the token's own (so the user knows the setting is not what to ask about) or the setting's key,
     * which is the field's name in kebab case as Micronaut binds it ({@code maxRange} is
     * {@code max-range}). Built on a refusal only.
     */
    String source(String field) {
        if (own.canonical().containsKey(field)) {
            return "this token's own limit, limits." + field + ", granted when it was issued";
        }
        return KEY + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
