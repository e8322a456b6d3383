package com.cloudquant.liberator.tokenlog;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.Printable;

/**
 * Why a reader stopped applying the log: from here on it cannot tell what is true, so it
 * fails closed until an operator repairs the log. Unlike an unauthenticated record (skipped),
 * a halt is caused by a record the signing key made, or by the broker. Note that a copy of an
 * old genuine record, produced again by anyone with write access to the topic, is such a
 * record (a repeated seq): write access can halt every reader, never grant a token — which is
 * why only the token-service may write to the topic.
 *
 * @param offset the Kafka offset where the reader stopped
 * @param kind   what went wrong
 * @param detail what exactly was found (printable, one line)
 */
public record ChainHalt(long offset, Kind kind, String detail) {

    /** The kinds of halt. */
    public enum Kind {
        /** A record signed with a trusted key does not extend the chain: a gap, a repeated seq, a fork. */
        DOES_NOT_LINK("a record signed with a trusted key does not extend the verified chain",
                "the log was forked, lost records or was written by a second writer; audit it with"
                        + " `liberator-audit verify` and restore the topic from a verified copy"),
        /** The log now ends before what was already read, or the reader's position left it. */
        LOG_REWOUND("the log is shorter than what this reader already read",
                "the topic was truncated, rolled back or recreated; restore it from a verified copy and restart"),
        /** The topic id changed: the topic was deleted and created again. */
        TOPIC_REPLACED("the topic was deleted and created again under the same name",
                "restore the original log into the topic (or point liberator.kafka.topic at it) and restart");

        private final String meaning;
        private final String fix;

        Kind(String meaning, String fix) {
            this.meaning = meaning;
            this.fix = fix;
        }
    }

    public ChainHalt {
        detail = Printable.line(detail);
    }

    /** A chain break that halts (see {@link #halts(ChainBreak)}). */
    public static ChainHalt of(ChainBreak chainBreak) {
        return new ChainHalt(chainBreak.offset(), Kind.DOES_NOT_LINK, chainBreak.reason() + ": " + chainBreak.detail());
    }

    /**
     * Whether {@code chainBreak} halts a reader. The verifier checks the hash and the signature
     * before the position, so a gap, a repeated seq or a wrong previous hash is reported only
     * for a record that a trusted key signed: the writer (or its key) produced a record that
     * does not fit, and skipping it could skip a revocation. Every other break is a record
     * nobody trusted signed, which a reader skips: that includes a record signed by a key the
     * chain retired before it ({@code RETIRED_KEY}), whoever holds that key now.
     */
    public static boolean halts(ChainBreak chainBreak) {
        return switch (chainBreak.reason()) {
            case SEQ_GAP, SEQ_REPEATED, PREV_HASH_MISMATCH -> true;
            case MALFORMED, UNKNOWN_SCHEMA_VERSION, HASH_MISMATCH, UNKNOWN_KEY, RETIRED_KEY, BAD_SIGNATURE -> false;
        };
    }

    /**
     * The log now ends at {@code highWatermark}, before {@code position}, which was already read:
     * seen {@link LogEnds#REWIND_CONFIRMATIONS} times in a row, because a new leader may lag once.
     */
    public static ChainHalt rewound(long position, long highWatermark) {
        return new ChainHalt(position, Kind.LOG_REWOUND,
                "the log now ends at offset " + highWatermark + " but it was already read up to " + position);
    }

    /** What the halt means. */
    public String meaning() {
        return kind.meaning;
    }

    /** What an operator does about it. */
    public String fix() {
        return kind.fix;
    }

    /** One line for logs, health details and error bodies. */
    public String describe() {
        return "the token log halted at offset " + offset + ": " + kind.meaning + " (" + detail + "); " + kind.fix;
    }
}
