package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import io.micronaut.core.annotation.Nullable;

/**
 * What health needs to know about the log.
 *
 * @param indexLoaded whether the topic was replayed into memory
 * @param fenced      whether another instance took over writing
 * @param writerReady whether the last write (or start) left a working producer
 * @param head        the last chain position known here
 * @param halt        why the log halted (writes refused for good), or null
 */
public record TokenLogStatus(boolean indexLoaded, boolean fenced, boolean writerReady, ChainHead head,
                             @Nullable ChainHalt halt) {
}
