package com.cloudquant.liberator.gateway.route;

/**
 * Path segments are compared ignoring ASCII case and nothing else: Java's own
 * {@code equalsIgnoreCase} folds Unicode too ({@code "ſeries"} equals {@code "series"}), which
 * would let a spelling the gateway decided on differ from the one another layer saw.
 */
final class AsciiCase {

    private AsciiCase() {
    }

    static boolean equalsIgnoringCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
