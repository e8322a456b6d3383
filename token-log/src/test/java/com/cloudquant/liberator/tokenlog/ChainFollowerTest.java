package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainFollowerTest {

    private final TestLog log = new TestLog();
    private final ChainFollower follower = new ChainFollower(log.trustedKeys(), ChainHead.GENESIS);

    @Test
    void garbageAndForeignSignaturesAreSkippedAndTheChainGoesOn() {
        EventEnvelope first = log.append(TestLog.issued("t1", TestLog.newToken()));
        TestLog stranger = new TestLog().from(first.head());
        EventEnvelope forged = stranger.append(TestLog.issued("evil", TestLog.newToken()));
        EventEnvelope second = log.append(TestLog.revoked("t1"));

        ChainFollower.Step step = follower.follow(List.of(
                TestLog.at(0, first),
                EventCodec.decode(1, "not an envelope".getBytes(StandardCharsets.UTF_8)),
                TestLog.at(2, forged),
                TestLog.at(3, second)));

        assertThat(step.accepted()).extracting(DecodedRecord::offset).containsExactly(0L, 3L);
        assertThat(step.skipped()).extracting(ChainBreak::reason)
                .containsExactly(ChainBreak.Reason.MALFORMED, ChainBreak.Reason.UNKNOWN_KEY);
        assertThat(step.halt()).isEmpty();
        assertThat(follower.head()).isEqualTo(second.head());
    }

    @Test
    void aFollowerConfiguredWithTheGenesisKeyFollowsARotationAndSkipsTheRetiredKeyAfterIt() {
        KeyPair genesis = log.keys();
        EventEnvelope first = log.append(TestLog.issued("t1", TestLog.newToken()));
        EventEnvelope rotation = log.rotateTo(Ed25519Keys.generate());
        EventEnvelope byNewKey = log.append(TestLog.issued("t2", TestLog.newToken()));
        // the retired key, linking perfectly after the new key's record
        EventEnvelope byRetiredKey = new TestLog(genesis).from(byNewKey.head()).append(TestLog.issued("evil", TestLog.newToken()));
        EventEnvelope next = log.append(TestLog.revoked("t1"));

        ChainFollower.Step step = follower.follow(List.of(TestLog.at(0, first), TestLog.at(1, rotation),
                TestLog.at(2, byNewKey), TestLog.at(3, byRetiredKey), TestLog.at(4, next)));

        assertThat(step.accepted()).extracting(DecodedRecord::offset).containsExactly(0L, 1L, 2L, 4L);
        assertThat(step.skipped()).extracting(ChainBreak::offset, ChainBreak::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, ChainBreak.Reason.RETIRED_KEY));
        assertThat(step.halt()).isEmpty();
        assertThat(follower.keys().validKeyIdsAt(next.seq() + 1)).containsExactly(next.keyId());
    }

    @Test
    void aTrustedRecordThatSkipsASeqHaltsForGood() {
        EventEnvelope first = log.append(TestLog.issued("t1", TestLog.newToken()));
        log.append(TestLog.issued("t2", TestLog.newToken())); // sealed, never written
        EventEnvelope third = log.append(TestLog.revoked("t1"));

        ChainFollower.Step step = follower.follow(List.of(TestLog.at(0, first), TestLog.at(1, third)));

        assertThat(step.accepted()).extracting(DecodedRecord::offset).containsExactly(0L);
        assertThat(step.halt()).hasValueSatisfying(halt -> {
            assertThat(halt.offset()).isEqualTo(1);
            assertThat(halt.kind()).isEqualTo(ChainHalt.Kind.DOES_NOT_LINK);
            assertThat(halt.describe()).contains("offset 1", "SEQ_GAP");
        });
        EventEnvelope later = log.append(TestLog.issued("t3", TestLog.newToken()));
        assertThat(follower.follow(List.of(TestLog.at(2, later))).accepted()).isEmpty();
    }

    @Test
    void aForkHalts() {
        EventEnvelope first = log.append(TestLog.issued("t1", TestLog.newToken()));
        EventEnvelope second = log.append(TestLog.issued("t2", TestLog.newToken()));
        EventEnvelope fork = new TestLog(log.keys()).from(first.head()).append(TestLog.revoked("t1"));

        ChainFollower.Step step = follower.follow(List.of(TestLog.at(0, first), TestLog.at(1, second), TestLog.at(2, fork)));

        assertThat(step.accepted()).hasSize(2);
        assertThat(step.halt()).hasValueSatisfying(halt -> assertThat(halt.detail()).contains("SEQ_REPEATED"));
    }

    @Test
    void aRecordBuiltOnAnUnknownKeysRecordHalts() {
        EventEnvelope first = log.append(TestLog.issued("t1", TestLog.newToken()));
        EventEnvelope foreign = new TestLog().from(first.head()).append(TestLog.issued("t2", TestLog.newToken()));
        EventEnvelope onTop = log.from(foreign.head()).append(TestLog.revoked("t1"));

        ChainFollower.Step step = follower.follow(List.of(TestLog.at(0, first), TestLog.at(1, foreign), TestLog.at(2, onTop)));

        assertThat(step.skipped()).extracting(ChainBreak::reason).containsExactly(ChainBreak.Reason.UNKNOWN_KEY);
        assertThat(step.halt()).hasValueSatisfying(halt -> {
            assertThat(halt.offset()).isEqualTo(2);
            assertThat(halt.detail()).contains("SEQ_GAP");
        });
    }
}
