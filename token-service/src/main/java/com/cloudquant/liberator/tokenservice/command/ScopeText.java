package com.cloudquant.liberator.tokenservice.command;

import com.cloudquant.liberator.promql.PromQLException;
import com.cloudquant.liberator.promql.Scope;

/**
 * A scope as a person typed it, for every endpoint that takes one (issuing, the preview): one
 * parser ({@link Scope#parse}) and one message for a bad scope, naming where and why, and what to write.
 */
public final class ScopeText {

    public static final String EXAMPLE = "{namespace=\"payments\",cluster=~\"eu-.*\"}";
    private static final String FIX = ": write a label selector such as " + EXAMPLE + " (= or =~ matchers, ANDed),"
            + " or leave scope out for a token that sees the whole slice";

    private ScopeText() {
    }

    /** The scope; never {@link Scope#NONE}, since a selector without a matcher is refused. */
    public static Scope parse(String text) {
        try {
            return Scope.parse(text);
        } catch (PromQLException e) {
            // its message names the position (0-based) and the reason, e.g. "at position 11: …"
            throw new InvalidTokenRequestException("scope", "scope refused " + e.getMessage() + FIX);
        }
    }

    /** A scope field that is not even text, e.g. a JSON number. */
    public static InvalidTokenRequestException notAString() {
        return new InvalidTokenRequestException("scope", "scope must be a string" + FIX);
    }
}
