package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainBreak;

/** The log does not verify: the service refuses to build state on it. */
public final class BrokenChainException extends IllegalStateException {
    public BrokenChainException(String topic, ChainBreak chainBreak) {
        super("the audit log in topic " + topic + " is broken at " + chainBreak.describe()
                + "; refusing to start on an altered log: run the audit tool on the topic and restore it"
                + " from a verified copy, or point liberator.kafka.topic at the right topic");
    }
}
