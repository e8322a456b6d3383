package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head an earlier audit reported. A chain can only show what is in it: events removed
 * from the end, or a log rewritten from some point on by the key holder, still verify. The
 * head recorded at the last audit catches both: this log must contain that seq with that hash.
 */
public final class EarlierHead implements ReplayListener {

    private static final Pattern FORMAT = Pattern.compile("^(\\d+):([0-9a-f]{64})$");

    private final ChainHead expected;
    private String hashSeen;

    private EarlierHead(ChainHead expected) {
        this.expected = expected;
    }

    /** Parses {@code SEQ:HASH}, as printed by {@code verify} ("head seq S hash H"). */
    public static EarlierHead parse(String value) {
        Matcher m = FORMAT.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected SEQ:HASH (64 lowercase hex) from an earlier verify, got "
                    + value);
        }
        return new EarlierHead(new ChainHead(Long.parseLong(m.group(1)), m.group(2)));
    }

    @Override
    public void verified(DecodedRecord record) {
        record.wellFormedEnvelope().filter(e -> e.seq() == expected.seq()).ifPresent(e -> hashSeen = e.hash());
    }

    /** Why this log contradicts the earlier audit, if it does. Only meaningful after an intact replay. */
    public Optional<String> contradiction(ReplayOutcome outcome) {
        if (hashSeen == null) {
            return Optional.of("the log ends at seq " + outcome.head().seq() + " but an earlier audit saw seq "
                    + expected.seq() + ": events were removed from the end of the log");
        }
        if (!hashSeen.equals(expected.hash())) {
            return Optional.of("seq " + expected.seq() + " now has hash " + hashSeen + " but an earlier audit recorded "
                    + expected.hash() + ": the log was rewritten from seq " + expected.seq() + " or before");
        }
        return Optional.empty();
    }

    public ChainHead expected() {
        return expected;
    }
}
