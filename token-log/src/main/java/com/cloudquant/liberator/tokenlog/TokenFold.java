package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules that turn verified token events into token state, written once for every reader
 * (the gateways' registry, the token-service's index and list, the audit tool's ledger):
 * <ul>
 *   <li>the first {@code TokenIssued} of an id wins: a writer never reuses an id, so a second
 *       one is an anomaly, not an update;</li>
 *   <li>revocation is final: nothing after a {@code TokenRevoked} makes its id valid again,
 *       not even an issue of an id that was revoked before it was ever issued;</li>
 *   <li>expiry is not an event: each reader checks it when the token is used.</li>
 * </ul>
 * A reader keeps its own compact state and asks {@link #decide} what an event changes.
 */
public final class TokenFold {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFold.class);

    private TokenFold() {
    }

    /** Where an id stands in the state a reader has folded so far. */
    public enum Standing {
        /** Neither issued nor revoked. */
        UNKNOWN,
        /** Issued and not revoked (expired or not). */
        ISSUED,
        /** Revoked: final. */
        REVOKED
    }

    /** What an event changes. */
    public sealed interface Change permits Issue, Revoke, Ignore {
    }

    /** The id becomes issued with this event's data. */
    public record Issue(TokenIssued event) implements Change {
    }

    /**
     * The id becomes revoked for good.
     *
     * @param wasIssued false when the log revokes an id it never issued (remember it anyway)
     */
    public record Revoke(TokenRevoked event, boolean wasIssued) implements Change {
    }

    /** The event changes nothing; {@code why} says which rule made it so. */
    public record Ignore(TokenEvent event, String why) implements Change {
    }

    /**
     * What {@code event}, verified and at {@code offset}, changes for an id that stands at
     * {@code standing}. An ignored event is logged at WARN: a correct writer never produces one.
     */
    public static Change decide(long offset, TokenEvent event, Standing standing) {
        // Java 17 has no pattern switch over the sealed type: TokenEvent has exactly these two
        Change change;
        if (event instanceof TokenIssued issued) {
            change = switch (standing) {
                case UNKNOWN -> new Issue(issued);
                case ISSUED -> new Ignore(event, "second_issue_of_id");
                case REVOKED -> new Ignore(event, "issue_after_revocation");
            };
        } else {
            TokenRevoked revoked = (TokenRevoked) event;
            change = switch (standing) {
                case ISSUED -> new Revoke(revoked, true);
                case UNKNOWN -> new Revoke(revoked, false);
                case REVOKED -> new Ignore(event, "already_revoked");
            };
        }
        if (change instanceof Ignore ignore) {
            LOG.warn("event=token_event_ignored offset={} type={} token_id={} reason={}", offset, event.type(),
                    event.tokenId(), ignore.why());
        } else if (change instanceof Revoke revoke && !revoke.wasIssued()) {
            LOG.warn("event=revocation_of_unknown_token offset={} token_id={} action=remembered_as_revoked",
                    offset, event.tokenId());
        }
        return change;
    }
}
