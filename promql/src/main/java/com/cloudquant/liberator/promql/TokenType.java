package com.cloudquant.liberator.promql;

import java.util.Locale;
import java.util.Map;

/** The tokens of PromQL, as the Prometheus 2.x lexer distinguishes them. */
enum TokenType {
    EOF, IDENTIFIER, METRIC_IDENTIFIER, NUMBER, DURATION, STRING,
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
    COMMA, COLON, AT, EQL, EQL_REGEX, NEQ_REGEX,
    // binary operators
    ADD, SUB, MUL, DIV, MOD, POW, ATAN2, EQLC, NEQ, LSS, LTE, GTR, GTE, LAND, LOR, LUNLESS,
    // aggregations
    AVG, BOTTOMK, COUNT, COUNT_VALUES, GROUP, MAX, MIN, QUANTILE, STDDEV, STDVAR, SUM, TOPK,
    // keywords
    BOOL, BY, GROUP_LEFT, GROUP_RIGHT, IGNORING, OFFSET, ON, WITHOUT, START, END;

    /** Words the lexer turns into keywords, matched case-insensitively as Prometheus does. */
    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
            Map.entry("and", LAND), Map.entry("or", LOR), Map.entry("unless", LUNLESS), Map.entry("atan2", ATAN2),
            Map.entry("sum", SUM), Map.entry("avg", AVG), Map.entry("count", COUNT), Map.entry("min", MIN),
            Map.entry("max", MAX), Map.entry("group", GROUP), Map.entry("stddev", STDDEV),
            Map.entry("stdvar", STDVAR), Map.entry("topk", TOPK), Map.entry("bottomk", BOTTOMK),
            Map.entry("count_values", COUNT_VALUES), Map.entry("quantile", QUANTILE),
            Map.entry("offset", OFFSET), Map.entry("by", BY), Map.entry("without", WITHOUT), Map.entry("on", ON),
            Map.entry("ignoring", IGNORING), Map.entry("group_left", GROUP_LEFT),
            Map.entry("group_right", GROUP_RIGHT), Map.entry("bool", BOOL), Map.entry("start", START),
            Map.entry("end", END), Map.entry("inf", NUMBER), Map.entry("nan", NUMBER));

    private static final int LONGEST_KEYWORD = "count_values".length();

    static TokenType ofWord(String word) {
        // most metric names are longer than any keyword: no hashing of a fresh substring then
        boolean mayBeKeyword = word.length() <= LONGEST_KEYWORD;
        TokenType keyword = mayBeKeyword ? KEYWORDS.get(word) : null;
        if (keyword == null && mayBeKeyword && hasUpperCase(word)) {
            keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        }
        if (keyword != null) {
            return keyword;
        }
        return word.indexOf(':') >= 0 ? METRIC_IDENTIFIER : IDENTIFIER;
    }

    /** The token a lone character makes outside braces, or null when it takes more than one look. */
    static TokenType ofCharacter(char c) {
        return switch (c) {
            case '(' -> LEFT_PAREN;
            case ')' -> RIGHT_PAREN;
            case ',' -> COMMA;
            case '@' -> AT;
            case '*' -> MUL;
            case '/' -> DIV;
            case '%' -> MOD;
            case '+' -> ADD;
            case '-' -> SUB;
            case '^' -> POW;
            default -> null;
        };
    }

    private static boolean hasUpperCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 'A' && word.charAt(i) <= 'Z') {
                return true;
            }
        }
        return false;
    }

    boolean isAggregation() {
        return compareTo(AVG) >= 0 && compareTo(TOPK) <= 0;
    }

    /**
     * Tokens Prometheus accepts as a metric name where an expression starts ({@code offset},
     * {@code sum}, {@code and} … are valid metric names there; {@code on}, {@code bool} are not).
     */
    boolean isMetricName() {
        return this == IDENTIFIER || this == METRIC_IDENTIFIER || isAggregation() || this == BY || this == WITHOUT
                || this == LAND || this == LOR || this == LUNLESS || this == OFFSET || this == START || this == END;
    }

    /** Tokens Prometheus accepts as a label name in by/without/on/ignoring/group_x lists. */
    boolean isGroupingLabel() {
        return this == IDENTIFIER || isAggregation() || this == BOOL || this == BY || this == GROUP_LEFT
                || this == GROUP_RIGHT || this == IGNORING || this == LAND || this == LOR || this == LUNLESS
                || this == OFFSET || this == ON || this == START || this == END || this == ATAN2;
    }
}
