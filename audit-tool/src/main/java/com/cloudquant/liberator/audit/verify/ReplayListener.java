package com.cloudquant.liberator.audit.verify;

import com.cloudquant.liberator.events.DecodedRecord;

/** Receives the replay as it happens. */
public interface ReplayListener {

    /**
     * A record that extends the verified chain, in log order. Either a
     * {@link DecodedRecord.KnownEvent} or an {@link DecodedRecord.UnknownEvent}: an unknown
     * type is still covered by the chain, it just has nothing to apply.
     */
    void verified(DecodedRecord record);

    /** Records up to {@code offset} were read out of {@code endOffset}. */
    default void progress(long offset, long endOffset) {
    }

    /** Fans one replay out to several listeners, in order. */
    static ReplayListener all(ReplayListener... listeners) {
        return new ReplayListener() {
            @Override
            public void verified(DecodedRecord record) {
                for (ReplayListener listener : listeners) {
                    listener.verified(record);
                }
            }

            @Override
            public void progress(long offset, long endOffset) {
                for (ReplayListener listener : listeners) {
                    listener.progress(offset, endOffset);
                }
            }
        };
    }
}
