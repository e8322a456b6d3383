package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What health needs to know about the log.
 *
 * @param indexLoaded whether the topic was replayed into memory
 * @param fenced      whether another instance took over writing
 * @param writerReady whether the last write (or start) left a working producer
 * @param head        the last chain position known here
 * @param halt        why the log halted (writes refused for good), or null
 * @param unauditedOffsets unauthenticated records not listed in {@code liberator.kafka.skip-offsets}: writes refused
 * @param signingKeyProblem why this service holds no key the log names as current (writes refused), or null
 */
public record TokenLogStatus(boolean indexLoaded, boolean fenced, boolean writerReady, ChainHead head,
                             @Nullable ChainHalt halt, List<Long> unauditedOffsets, @Nullable String signingKeyProblem) {
}
