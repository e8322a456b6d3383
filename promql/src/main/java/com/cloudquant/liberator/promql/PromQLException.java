package com.cloudquant.liberator.promql;

/**
 * A query, selector or scope that this module refuses: it does not parse, or it parses but
 * uses something the scope rewrite cannot prove safe. The message names the position and what
 * was expected there; it never contains a stack trace worth showing a user.
 */
public final class PromQLException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    PromQLException(int position, String problem) {
        super("at position " + position + ": " + problem);
        this.position = position;
    }

    /**
     * Where the problem is: a 0-based index into the text parsed, counted in Java {@code char}s
     * (UTF-16 code units), as {@link String#charAt(int)} counts them.
     */
    public int position() {
        return position;
    }
}
