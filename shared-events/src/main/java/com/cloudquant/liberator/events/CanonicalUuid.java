package com.cloudquant.liberator.events;

import java.util.UUID;

/**
 * A token id as the token-service writes it: a UUID in the one form {@link UUID#toString()}
 * gives (lowercase hex, hyphens at 8, 13, 18 and 23). The token projections keep such an id as
 * two longs and any other id as text, so an id is a UUID only in exactly that form: an upper-case
 * id and its lower-case twin are two ids. Read by hand: every event of a rebuild looks its id
 * up, and parsing then re-formatting to compare cost more than the lookup.
 */
public final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    /** {@code id} as a UUID when it is one in canonical form, else null. */
    public static UUID parse(String id) {
        if (id.length() != LENGTH) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return null;
            }
            if (i < 18) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new UUID(high, low);
    }
}
