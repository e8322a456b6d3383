package com.cloudquant.liberator.promql;

/** The four PromQL label-matching operators, in the order the canonical scope form sorts them. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    MatchType(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in PromQL. */
    public String symbol() {
        return symbol;
    }

    boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }
}
