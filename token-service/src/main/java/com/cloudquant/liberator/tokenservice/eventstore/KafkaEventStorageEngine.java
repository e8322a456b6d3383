package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TrustedKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon event storage engine whose only store is the token topic. Appends are sealed onto
 * the audit hash chain and committed in one Kafka transaction before Axon sees success; reads
 * are served from an in-memory index rebuilt from the topic at start. Snapshots are not kept:
 * a token has at most two events.
 */
public final class KafkaEventStorageEngine implements EventStorageEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventStorageEngine.class);

    private final TokenLogWriter writer;
    private final TokenLogReplay replay;
    private final AuditChain chain;
    private final String topic;
    private final Consumer<Duration> appendLatency;
    private final TokenIndex index = new TokenIndex();
    private volatile boolean loaded;
    private boolean behind = true;

    public KafkaEventStorageEngine(TokenLogClients clients, AuditChain chain, TrustedKeys trustedKeys,
                                   Consumer<Duration> appendLatency) {
        this.writer = new TokenLogWriter(clients::transactionalProducer, clients.settings());
        this.replay = new TokenLogReplay(new CommittedLog(clients), trustedKeys, clients.settings().topic());
        this.chain = chain;
        this.topic = clients.settings().topic();
        this.appendLatency = appendLatency;
    }

    /**
     * Claims the writer role first (so an older instance's open transaction is finished), then
     * replays the whole topic into the index, verifying the chain.
     *
     * @throws BrokenChainException naming the offset of the first record that does not verify
     */
    public synchronized void start() {
        long began = System.nanoTime();
        writer.open();
        replay.into(index);
        behind = false;
        loaded = true;
        LOG.info("decision=index-loaded topic={} seq={} tokens={} millis={}", topic, index.head().seq(),
                index.tokenCount(), (System.nanoTime() - began) / 1_000_000);
    }

    @Override
    public synchronized void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!writer.isReady()) {
            behind = true;
            writer.open();
        }
        if (behind) {
            // the last write may have committed although we could not confirm it: learn the truth first
            replay.into(index);
            behind = false;
        }
        List<EventEnvelope> envelopes = seal(events);
        long began = System.nanoTime();
        List<Long> offsets = writer.commit(envelopes);
        appendLatency.accept(Duration.ofNanos(System.nanoTime() - began));
        for (int i = 0; i < envelopes.size(); i++) {
            index.add(envelopes.get(i), (TokenEvent) events.get(i).getPayload(), offsets.get(i));
        }
    }

    private List<EventEnvelope> seal(List<? extends EventMessage<?>> events) {
        ChainHead head = index.head();
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        for (EventMessage<?> message : events) {
            if (!(message.getPayload() instanceof TokenEvent event)) {
                throw new IllegalArgumentException("only shared-events TokenEvents go to the audit log, not "
                        + message.getPayloadType().getName());
            }
            if (message instanceof DomainEventMessage<?> domain) {
                long expected = index.eventsOf(event.tokenId()).size();
                if (domain.getSequenceNumber() != expected) {
                    throw new ConcurrencyException("token " + event.tokenId() + " changed concurrently: event "
                            + domain.getSequenceNumber() + " expected " + expected + "; retry the request");
                }
            }
            EventEnvelope envelope = chain.seal(head, event, message.getIdentifier());
            envelopes.add(envelope);
            head = envelope.head();
        }
        return envelopes;
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        // Deliberately ignored: the topic is the audit log and holds TokenEvents only.
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        long after = trackingToken == null ? 0 : ((GlobalSequenceTrackingToken) trackingToken).getGlobalIndex();
        return index.after(after);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        List<DomainEventMessage<?>> events = index.eventsOf(aggregateIdentifier);
        int from = (int) Math.min(events.size(), Math.max(0, firstSequenceNumber));
        return DomainEventStream.of(events.subList(from, events.size()));
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long seq = index.head().seq();
        return seq == 0 ? null : new GlobalSequenceTrackingToken(seq);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return index.after(0)
                .filter(event -> !event.getTimestamp().isBefore(dateTime))
                .findFirst()
                .map(event -> (TrackingToken) new GlobalSequenceTrackingToken(
                        ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex() - 1))
                .orElseGet(this::createHeadToken);
    }

    /** Where the first record at or after chain position {@code seq} is, for audit reads. */
    public long offsetOfSeq(long seq) {
        return index.offsetOfSeq(seq);
    }

    public TokenLogStatus status() {
        return new TokenLogStatus(loaded, writer.isFenced(), writer.isReady(), index.head());
    }

    @Override
    public synchronized void close() {
        writer.close();
    }
}
