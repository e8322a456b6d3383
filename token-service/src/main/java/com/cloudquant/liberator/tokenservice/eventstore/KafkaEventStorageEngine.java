package com.cloudquant.liberator.tokenservice.eventstore;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.Printable;
import com.cloudquant.liberator.events.SigningKeyRotated;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogEnds;
import com.cloudquant.liberator.tokenlog.LogReader;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenlog.TokenLogHaltedException;
import com.cloudquant.liberator.tokenlog.TokenLogUnavailableException;
import com.cloudquant.liberator.tokenservice.command.IdempotencyKeyUsedException;
import com.cloudquant.liberator.tokenservice.command.IssueLedger;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon event storage engine whose only store is the token topic. Appends are sealed onto
 * the audit hash chain and committed in one Kafka transaction before Axon sees success. What
 * stays in memory is compact (see {@link TokenIndex}): each token's row in the
 * {@link TokenTable}, which the listing reads directly and which is updated before a command
 * returns, and the offset of every chain position. A token's aggregate events are re-read
 * from Kafka by the offsets in its row when Axon loads it. Snapshots are not kept: a token has
 * at most two events.
 *
 * <p>Reading is token-log's, under its one break policy (see {@link TokenLogReplay}). Before
 * every write the index is brought up to the topic's high watermark with one long-lived
 * reader, so a write is never decided on a log that has more in it than the index knows. A
 * halt (a record signed with a trusted key that does not link, or a rewound log) does not stop
 * the service: reads go on from what was accepted before it, every write is refused naming it.
 */
public final class KafkaEventStorageEngine implements EventStorageEngine, IssueLedger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventStorageEngine.class);
    /**
     * Short: a poll that finds only transaction markers keeps waiting although the position
     * moved past them, and every write waits for its catch-up.
     */
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration REWIND_RECHECK = Duration.ofMillis(200);
    /** How long one poll of the point reader waits: it returns as soon as the record is there. */
    private static final Duration POINT_POLL = Duration.ofMillis(100);
    /** The point reader reads forward to a record at most this far ahead; farther, it is reopened there. */
    private static final long POINT_READ_AHEAD = 1_000;

    private final TokenLogClients clients;
    private final TokenLogWriter writer;
    /** Signs with the key the chain names as current; replaced when the chain rotates (see {@link #requireCurrentSigner}). */
    private AuditChain chain;
    private final CurrentSigner signers;
    private final String topic;
    private final Duration timeout;
    private final Consumer<Duration> appendLatency;
    private final TokenIndex index;
    private final TokenLogReplay replay;
    /**
     * Offsets of records this service committed that its reader has not passed yet (the index
     * holds them), with the hash each must have: a record there with another hash halts.
     */
    private final Map<Long, EventEnvelope> ownUnread = new HashMap<>();
    private final AuditedSkips skips;
    /**
     * Set before a commit, cleared once the index holds what it committed: while set, the index
     * may be behind its own write (an unknown outcome, or a failure between the commit and the
     * index), so the next catch-up starts over from the index's head and verifies what follows.
     */
    private boolean dirty;
    private Admin admin;
    private LogEnds ends;
    /** Open between catch-ups; dropped after a failed read and reopened at {@link #readFrom}. */
    private LogReader reader;
    /** Reads a token's records by offset when Axon loads it; reopened where needed, dropped after a failure. */
    private LogReader pointReader;
    /** Where everything before has been applied (or passed over): a reopened reader starts here. */
    private long readFrom;
    private volatile boolean loaded;
    private volatile ChainHalt halt;
    /** Why no key the verified log names as current is held here (every write refused), or null. */
    private volatile String signingKeyProblem;

    /** An engine with a token table of its own (tools and benchmarks that only replay). */
    public KafkaEventStorageEngine(TokenLogClients clients, AuditChain chain, TrustedKeys trustedKeys,
                                   Consumer<Duration> appendLatency) {
        this(clients, chain, trustedKeys, appendLatency, new TokenTable(), null);
    }

    /**
     * An engine that keeps {@code table} (which nobody else writes) up to date with the log.
     * {@code trustedKeys} are the genesis keys; {@code chain} signs with the configured key, and
     * {@code keys} (nullable: no rotation) holds the private keys rotations made.
     */
    public KafkaEventStorageEngine(TokenLogClients clients, AuditChain chain, TrustedKeys trustedKeys,
                                   Consumer<Duration> appendLatency, TokenTable table, SigningKeyDirectory keys) {
        this(clients, WriterProducers.of(clients), chain, trustedKeys, appendLatency, table, keys);
    }

    /** An engine whose writer's producers come from {@code producers}. */
    public KafkaEventStorageEngine(TokenLogClients clients, WriterProducers producers, AuditChain chain,
                                   TrustedKeys trustedKeys, Consumer<Duration> appendLatency, TokenTable table,
                                   SigningKeyDirectory keys) {
        this.clients = clients;
        this.signers = new CurrentSigner(chain, keys);
        this.index = new TokenIndex(table);
        this.writer = new TokenLogWriter(producers::create, clients.settings());
        this.chain = chain;
        this.topic = clients.settings().topic();
        this.timeout = clients.settings().timeout();
        this.appendLatency = appendLatency;
        this.skips = new AuditedSkips(clients.settings().skipOffsets());
        this.replay = new TokenLogReplay(trustedKeys, index, skips);
    }

    /**
     * Claims the writer role first (so an older instance's open transaction is finished), then
     * replays the committed log into the index, verifying the chain. Records nobody trusted
     * signed are skipped; a halt ends the replay but not the start (see the class comment).
     *
     * @throws TokenLogUnavailableException when Kafka does not answer
     */
    public synchronized void start() {
        long began = System.nanoTime();
        writer.open();
        admin = clients.admin();
        ends = new LogEnds(admin, topic, timeout);
        // the committed end, not the high watermark: someone's open transaction must not stop the
        // start; the first write catches up to the high watermark or is refused
        try (CommittedRecords records = clients.committedFrom(0)) {
            Optional<ChainHalt> stopped = Optional.empty();
            try {
                for (List<LogRecord> batch = records.next(); !batch.isEmpty() && stopped.isEmpty(); batch = records.next()) {
                    stopped = replay.apply(LogRecord.decodeAll(batch));
                }
            } catch (TokenLogHaltedException e) {
                // the read position left the log (records deleted while we read): a halt like any other
                stopped = Optional.of(replay.halt(e.halt()));
            }
            skips.requireAllListedSeen(records.end(), stopped);
            if (stopped.isPresent()) {
                halted(stopped.get());
            } else {
                readFrom = records.end();
                index.readUpTo(readFrom);
            }
        }
        loaded = true;
        if (halt == null) {
            try {
                requireCurrentSigner();
            } catch (SigningKeyUnavailableException e) {
                // reads are served; every write is refused with this message until the key is there
                LOG.error("decision=writes-refused reason=no-current-signing-key detail=\"{}\"", e.getMessage());
            }
        }
        LOG.info("decision=index-loaded topic={} seq={} tokens={} next_offset={} halted={} millis={}", topic,
                index.head().seq(), index.tokenCount(), index.nextOffset(), halt != null, (System.nanoTime() - began) / 1_000_000);
    }

    @Override
    public synchronized void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        requireCurrent();
        requireCurrentSigner();
        List<EventEnvelope> envelopes = seal(events);
        long began = System.nanoTime();
        dirty = true;
        List<Long> offsets = writer.commit(envelopes);
        appendLatency.accept(Duration.ofNanos(System.nanoTime() - began));
        for (int i = 0; i < envelopes.size(); i++) {
            index.add(envelopes.get(i), (TokenEvent) events.get(i).getPayload(), offsets.get(i));
            ownUnread.put(offsets.get(i), envelopes.get(i));
        }
        replay.continueAfterOwnWrite(replay.keys());
        dirty = false;
    }

    /**
     * Before every command (and every write): not halted, still the writer, no unaudited record,
     * and the index at the topic's high watermark. A new producer, when the last write dropped
     * one, finishes whatever that write left open before the read, so the read sees its outcome.
     */
    @Override
    public synchronized void requireCurrent() {
        requireNotHalted();
        writer.requireNotFenced();
        skips.firstUnaudited().ifPresent(unaudited -> {
            throw new TokenLogUnauditedException(unaudited, skips.unauditedOffsets());
        });
        if (!writer.isReady()) {
            writer.open();
        }
        catchUp();
    }

    @Override
    public Optional<String> issuedWith(String actor, String idempotencyKey) {
        return index.issuedWith(actor, idempotencyKey);
    }

    /**
     * Reads the log to its end for a lookup that must not answer "no such token" from an index
     * that is behind (another instance's write, or this one's write of unknown outcome). Opens a
     * producer only to settle this instance's own unconfirmed write, never otherwise: that would
     * fence the instance that writes now. A halted log is served as it stood.
     */
    @Override
    public synchronized void readToEnd() {
        if (halt != null) {
            return;
        }
        if (dirty && !writer.isReady() && !writer.isFenced()) {
            writer.open();
        }
        catchUp();
    }

    /** Proves this instance still owns the transactional.id (see {@link TokenLogWriter#probe()}). */
    public synchronized void probeWriter() {
        writer.probe();
    }

    /**
     * Rotates the signing key, audit first: a new pair is written to the key directory, a
     * {@link SigningKeyRotated} naming it is sealed with the current key and committed, and only
     * then is the new key used, loaded back from its file as a restart would. Killed at any
     * point, the service signs afterwards with the key the log names: the old one if the event
     * was not committed (the new file is then unused), the new one if it was.
     *
     * @return the committed rotation's envelope (its {@code tokenId} is the new key id)
     */
    public synchronized EventEnvelope rotateSigningKey(String actor, String reason, Instant at) {
        SigningKeyDirectory keys = signers.directory();
        if (keys == null) {
            throw new SigningKeyUnavailableException("this engine has no key directory: it cannot rotate");
        }
        requireCurrent();
        requireCurrentSigner();
        SigningKeyRotated rotation = SigningKeyRotated.to(keys.create().getPublic(), reason, actor, at);
        EventEnvelope envelope = chain.seal(index.head(), rotation, UUID.randomUUID().toString());
        dirty = true;
        long offset = writer.commit(List.of(envelope)).get(0);
        index.skip(envelope, offset);
        ownUnread.put(offset, envelope);
        replay.continueAfterOwnWrite(replay.keys().after(new DecodedRecord.KeyRotation(offset, envelope, rotation)));
        dirty = false;
        LOG.info("decision=signing-key-rotated seq={} offset={} old_key_id={} new_key_id={} actor={}", envelope.seq(), offset,
                envelope.keyId(), rotation.newKeyId(), Printable.value(actor));
        requireCurrentSigner();
        return envelope;
    }

    /** Makes {@link #chain} sign with a key the verified chain says may sign the next record (see {@link CurrentSigner}). */
    private void requireCurrentSigner() {
        try {
            chain = signers.chainFor(replay.keys(), index.head().seq() + 1);
            signingKeyProblem = null;
        } catch (SigningKeyUnavailableException e) {
            signingKeyProblem = e.getMessage();
            throw e;
        }
    }

    /**
     * Looks for the current signing key again while one is missing (health asks): a key file put
     * back is taken without a restart, and health goes UP as soon as it is.
     */
    public synchronized void recheckSigningKey() {
        if (signingKeyProblem != null && loaded && halt == null) {
            try {
                requireCurrentSigner();
            } catch (SigningKeyUnavailableException e) {
                // still missing: status() reports it
            }
        }
    }

    /** Refuses a write on a halted log, naming the halt (also called before a command is handled). */
    public void requireNotHalted() {
        ChainHalt stopped = halt;
        if (stopped != null) {
            throw new TokenLogHaltedException(stopped);
        }
    }

    /**
     * Reads the log up to the high watermark the broker states now, applying what it did not
     * hold yet. A {@code read_committed} reader cannot pass a transaction another producer
     * holds open, so that is a refusal: what the transaction holds (a revocation, say) would be
     * unknown to the write.
     */
    private void catchUp() {
        if (dirty) {
            // The index may lack this service's last write: verify what follows its head like anyone's
            // records. Reading goes on from where the reader stood, not from the index's next offset:
            // another producer's record may lie between the two (before an own write the index
            // already holds), and it must still be verified and reviewed; own records on the way
            // are recognised by their hash.
            LOG.warn("decision=read-back reason=last-write-unconfirmed head_seq={} from_offset={}", index.head().seq(),
                    readFrom);
            dropReader();
            replay.restartAtIndexHead();
        }
        try {
            long target = confirmedHighWatermark();
            long deadline = System.nanoTime() + timeout.toNanos();
            LogReader current = reader();
            while (current.position() < target) {
                if (System.nanoTime() - deadline > 0) {
                    throw behind(current, target);
                }
                List<LogRecord> batch = current.poll(POLL);
                if (!batch.isEmpty()) {
                    apply(batch);
                    readFrom = batch.get(batch.size() - 1).offset() + 1;
                }
            }
            readFrom = current.position();
            index.readUpTo(readFrom);
            ownUnread.keySet().removeIf(offset -> offset < readFrom);
            dirty = false;
        } catch (TokenLogHaltedException e) {
            throw new TokenLogHaltedException(halted(replay.halt(e.halt())));
        } catch (TokenLogUnavailableException e) {
            dropReader();
            throw new TokenLogUnavailableException(e.getMessage() + "; nothing was recorded: retry once Kafka answers", e);
        }
    }

    private long confirmedHighWatermark() {
        long target = ends.highWatermark();
        for (int sightings = 1; target < reader().position(); sightings++) {
            long position = reader().position();
            if (sightings >= LogEnds.REWIND_CONFIRMATIONS) {
                throw new TokenLogHaltedException(ChainHalt.rewound(position, target));
            }
            try {
                Thread.sleep(REWIND_RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenLogUnavailableException("interrupted while looking up the end of topic " + topic, e);
            }
            target = ends.highWatermark();
        }
        return target;
    }

    /** Passes over records the index already holds (this service's own writes), verifies and applies the rest. */
    private void apply(List<LogRecord> batch) {
        List<LogRecord> fresh = new ArrayList<>(batch.size());
        for (LogRecord record : batch) {
            // a record below our own that we did not write is not passed over: it is verified, and
            // one that a trusted key signed cannot link any more, so it halts (a second writer)
            EventEnvelope own = ownUnread.remove(record.offset());
            if (own == null) {
                fresh.add(record);
            } else {
                DecodedRecord found = record.decode();
                if (!found.wellFormedEnvelope().map(EventEnvelope::hash).orElse("").equals(own.hash())) {
                    // the same finding as a re-read for Axon that finds another record: the log was replaced
                    throw new TokenLogHaltedException(halted(replay.halt(new ChainHalt(record.offset(),
                            ChainHalt.Kind.TOPIC_REPLACED, "offset " + record.offset() + " no longer holds the " + own.type()
                            + " of token " + own.tokenId() + " (hash " + own.hash() + ") this service committed there;"
                            + " it holds " + describe(found)))));
                }
            }
        }
        Optional<ChainHalt> stopped = replay.apply(LogRecord.decodeAll(fresh));
        if (stopped.isPresent()) {
            throw new TokenLogHaltedException(halted(stopped.get()));
        }
    }

    /** Why the reader did not reach {@code target} in time: someone's open transaction, or Kafka. */
    private RuntimeException behind(LogReader current, long target) {
        long position = current.position();
        long stable = current.committedEnd();
        if (stable >= target) {
            return new TokenLogUnavailableException("Kafka at " + clients.settings().bootstrapServers()
                    + " stopped delivering topic " + topic + " at offset " + position + " of " + target + " for "
                    + timeout + "; check that Kafka is reachable", null);
        }
        String bootstrap = clients.settings().bootstrapServers();
        LOG.warn("decision=write-refused reason=open-foreign-transaction topic={} open_transaction_offset={}"
                + " high_watermark={} position={}", topic, stable, target, position);
        return new TokenLogNotCurrentException("a transaction by another producer is open on topic " + topic
                + " at offset " + stable + " (the log ends at " + target + "), so this service cannot prove it has"
                + " read the whole log and recorded nothing: retry later; if it persists, find the producer with"
                + " `kafka-transactions.sh --bootstrap-server " + bootstrap + " describe-producers --topic " + topic
                + " --partition 0` (this service writes as transactional.id " + clients.settings().transactionalId()
                + ") and stop it, or abort its transaction with `kafka-transactions.sh --bootstrap-server " + bootstrap
                + " abort --topic " + topic + " --partition 0 --start-offset " + stable + "`", stable);
    }

    private LogReader reader() {
        if (reader == null) {
            reader = clients.reader(readFrom);
        }
        return reader;
    }

    private void dropReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private ChainHalt halted(ChainHalt found) {
        if (halt == null) {
            halt = found;
            dropReader();
            LOG.error("decision=writes-refused reason=log-halted topic={} offset={} kind={} reads=served", topic,
                    found.offset(), found.kind());
        }
        return halt;
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
                long expected = index.aggregateEvents(event.tokenId());
                if (domain.getSequenceNumber() != expected) {
                    throw new ConcurrencyException("token " + event.tokenId() + " changed concurrently: event "
                            + domain.getSequenceNumber() + " expected " + expected + "; retry the request");
                }
            }
            if (event instanceof TokenIssued issued && issued.idempotencyKey() != null) {
                Optional<String> earlier = index.issuedWith(issued.issuedBy(), issued.idempotencyKey());
                if (earlier.isPresent()) {
                    throw new IdempotencyKeyUsedException(earlier.get());
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

    /**
     * The token's aggregate events, re-read from Kafka by the offsets in its row: its issue
     * (sequence 0) and, once revoked, its revocation (1), exactly as they were verified. A token
     * never issued has none (a revocation of an id the log never issued is not given to Axon).
     * Serialised with writes, which share the engine's Kafka clients and its halt.
     *
     * @throws TokenLogUnavailableException when Kafka does not deliver the records in time
     * @throws TokenLogHaltedException      when an offset no longer holds what was verified there
     */
    @Override
    public synchronized DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        Optional<TokenTable.Offsets> found = index.offsetsOf(aggregateIdentifier);
        if (found.isEmpty() || !found.get().issued()) {
            return DomainEventStream.empty();
        }
        TokenTable.Offsets offsets = found.get();
        List<DomainEventMessage<?>> events = new ArrayList<>(2);
        if (firstSequenceNumber <= 0) {
            events.add(reread(aggregateIdentifier, offsets.issue(), 0));
        }
        if (offsets.revoked() && firstSequenceNumber <= 1) {
            events.add(reread(aggregateIdentifier, offsets.revoke(), 1));
        }
        return DomainEventStream.of(events);
    }

    /** From the table: no need to re-read the events to count them. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        int events = index.aggregateEvents(aggregateIdentifier);
        return events == 0 ? Optional.empty() : Optional.of(events - 1L);
    }

    /** The aggregate event at {@code offset}; the log halts if the record there is not the one verified. */
    private DomainEventMessage<?> reread(String tokenId, long offset, long sequenceNumber) {
        DecodedRecord record = recordAt(offset, tokenId);
        Optional<DomainEventMessage<?>> event = record == null ? Optional.empty() : aggregateEvent(record)
                .filter(found -> found.getAggregateIdentifier().equals(tokenId) && found.getSequenceNumber() == sequenceNumber);
        if (event.isEmpty()) {
            String expected = sequenceNumber == 0 ? TokenIssued.TYPE : TokenRevoked.TYPE;
            throw new TokenLogHaltedException(halted(replay.halt(new ChainHalt(offset, ChainHalt.Kind.TOPIC_REPLACED,
                    "offset " + offset + " no longer holds the " + expected + " of token " + tokenId
                            + " this service verified; it holds " + describe(record)))));
        }
        return event.get();
    }

    /**
     * The record at {@code offset}, or null when the log has no record there any more. Under the
     * engine's lock.
     */
    private DecodedRecord recordAt(long offset, String tokenId) {
        try {
            if (pointReader != null) {
                long position = pointReader.position();
                if (position > offset || offset - position > POINT_READ_AHEAD) {
                    dropPointReader();
                }
            }
            if (pointReader == null) {
                pointReader = clients.pointReader(offset);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (LogRecord record : pointReader.poll(POINT_POLL)) {
                    if (record.offset() >= offset) {
                        return record.offset() == offset ? record.decode() : null;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TokenLogUnavailableException("Kafka at " + clients.settings().bootstrapServers()
                            + " did not deliver offset " + offset + " of topic " + topic + " within " + timeout, null);
                }
            }
        } catch (TokenLogHaltedException e) {
            // the offset left the log (records deleted, topic truncated): a halt like any other
            dropPointReader();
            throw new TokenLogHaltedException(halted(replay.halt(e.halt())));
        } catch (TokenLogUnavailableException e) {
            dropPointReader();
            throw new TokenLogUnavailableException(e.getMessage() + " (reading token " + tokenId
                    + " to decide the command); nothing was recorded: retry once Kafka answers", e);
        }
    }

    private void dropPointReader() {
        if (pointReader != null) {
            pointReader.close();
            pointReader = null;
        }
    }

    private static String describe(DecodedRecord record) {
        if (record == null) {
            return "no record";
        }
        if (record instanceof DecodedRecord.KnownEvent known) {
            return "a " + known.envelope().type() + " of token " + known.envelope().tokenId() + " at seq "
                    + known.envelope().seq();
        }
        // an unknown type or a key rotation: no token event, but an envelope with a place in the chain
        return record.wellFormedEnvelope().map(e -> "a " + e.type() + " at seq " + e.seq()).orElse("a record that is no envelope");
    }

    /**
     * The aggregate event {@code record} holds when it is an accepted record (the one at its
     * chain position) that the table recorded as its token's issue or revocation; empty for
     * anything else: a record skipped or ignored, an unknown type, a revocation of an id never
     * issued.
     */
    private Optional<DomainEventMessage<?>> aggregateEvent(DecodedRecord record) {
        if (!(record instanceof DecodedRecord.KnownEvent known) || index.seqAt(record.offset()) != known.envelope().seq()
                || !known.envelope().tokenId().equals(known.event().tokenId())) {
            return Optional.empty();
        }
        TokenEvent event = known.event();
        Optional<TokenTable.Offsets> offsets = index.offsetsOf(event.tokenId()).filter(TokenTable.Offsets::issued);
        if (offsets.isEmpty()) {
            return Optional.empty();
        }
        long sequenceNumber;
        if (event instanceof TokenIssued && offsets.get().issue() == record.offset()) {
            sequenceNumber = 0;
        } else if (event instanceof TokenRevoked && offsets.get().revoke() == record.offset()) {
            sequenceNumber = 1;
        } else {
            return Optional.empty();
        }
        return Optional.of(new GenericDomainEventMessage<>(TokenIndex.AGGREGATE_TYPE, event.tokenId(), sequenceNumber,
                event, MetaData.emptyInstance(), known.envelope().eventId(), known.envelope().occurredAt()));
    }

    /**
     * The aggregate events after chain position {@code trackingToken}, streamed from Kafka up to
     * what this engine has read when called (close the stream). Nothing in the service tracks
     * the store any more (the listing reads the {@link TokenTable}), but a tracking processor
     * added later gets the same faithful events Axon loads aggregates from, at the cost of
     * reading the log, rather than a store that fails at its first poll. Kafka down: the stream
     * throws {@link TokenLogUnavailableException}.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        long after = trackingToken == null ? 0 : ((GlobalSequenceTrackingToken) trackingToken).getGlobalIndex();
        long end = index.nextOffset();
        long from = index.offsetOfSeq(after + 1);
        if (from >= end) {
            return Stream.empty();
        }
        CommittedRecords records = clients.committedFrom(from);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {
            private Iterator<LogRecord> batch = Collections.emptyIterator();
            private TrackedEventMessage<?> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    if (batch.hasNext()) {
                        LogRecord record = batch.next();
                        if (record.offset() >= end) {
                            done = true;
                        } else {
                            DecodedRecord decoded = record.decode();
                            next = aggregateEvent(decoded).map(event -> (TrackedEventMessage<?>) new GenericTrackedDomainEventMessage<>(
                                    new GlobalSequenceTrackingToken(((DecodedRecord.KnownEvent) decoded).envelope().seq()),
                                    event)).orElse(null);
                        }
                    } else {
                        List<LogRecord> more = records.next();
                        done = more.isEmpty();
                        batch = more.iterator();
                    }
                }
                return next != null;
            }

            @Override
            public TrackedEventMessage<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TrackedEventMessage<?> event = next;
                next = null;
                return event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(records::close);
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

    /** Reads the log from Kafka (see {@link #readEvents(TrackingToken, boolean)}): rarely asked, never at start. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        try (Stream<? extends TrackedEventMessage<?>> events = readEvents(null, false)) {
            return events.filter(event -> !event.getTimestamp().isBefore(dateTime))
                    .findFirst()
                    .map(event -> (TrackingToken) new GlobalSequenceTrackingToken(
                            ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex() - 1))
                    .orElseGet(this::createHeadToken);
        }
    }

    /** Where the first record at or after chain position {@code seq} is, for audit reads. */
    public long offsetOfSeq(long seq) {
        return index.offsetOfSeq(seq);
    }

    public TokenLogStatus status() {
        return new TokenLogStatus(loaded, writer.isFenced(), writer.isReady(), index.head(), halt,
                skips.unauditedOffsets(), signingKeyProblem);
    }

    @Override
    public synchronized void close() {
        writer.close();
        dropReader();
        dropPointReader();
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
