package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainHead;
import java.util.Optional;

/**
 * What a replay established.
 *
 * @param verifiedRecords records that extended the chain before the first break (or all)
 * @param head            the last verified chain position
 * @param endOffset       the end offset the replay read up to
 * @param firstBreak      the first record that does not verify, if any
 */
public record ReplayOutcome(long verifiedRecords, ChainHead head, long endOffset, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
