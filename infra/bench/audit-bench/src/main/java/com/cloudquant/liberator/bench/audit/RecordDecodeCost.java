package com.cloudquant.liberator.bench.audit;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.ChainHead;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenEvent;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What reading one record costs every reader, in CPU time and allocation of the measuring thread
 * (so other load on the machine does not count): {@code EventCodec.decode} (which also decides the
 * record's hash, from its own bytes), and beside it, in the same run, the hash check as readers
 * did it before — {@code AuditChain.hashOf}, rebuilding the canonical body from the decoded fields.
 * Records are shaped like the scale benchmark's (one in ten a revocation, one issue in seven with
 * an expiry); signatures are not checked (readers check one per run).
 *
 * <pre>java -cp … RecordDecodeCost [records=200000] [rounds=6]</pre>
 */
public final class RecordDecodeCost {

    private RecordDecodeCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("records=", "")) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1].replace("rounds=", "")) : 6;
        List<byte[]> values = log(n);
        ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| round | decode (hash from the record's bytes) µs CPU/record | bytes/record | rebuilt-body hash check µs CPU/record | bytes/record |");
        System.out.println("|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            long cpu = thread.getCurrentThreadCpuTime();
            long bytes = thread.getCurrentThreadAllocatedBytes();
            List<DecodedRecord> decoded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                decoded.add(EventCodec.decode(i, values.get(i)));
            }
            double decodeCpu = (thread.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
            long decodeBytes = (thread.getCurrentThreadAllocatedBytes() - bytes) / n;
            cpu = thread.getCurrentThreadCpuTime();
            bytes = thread.getCurrentThreadAllocatedBytes();
            int matching = 0;
            for (DecodedRecord record : decoded) {
                EventEnvelope e = record.wellFormedEnvelope().orElseThrow();
                if (record.hashMatches() && AuditChain.hashOf(e).equals(e.hash())) {
                    matching++;
                }
            }
            double rebuildCpu = (thread.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
            long rebuildBytes = (thread.getCurrentThreadAllocatedBytes() - bytes) / n;
            if (matching != n) {
                throw new IllegalStateException((n - matching) + " records did not hash to their hash");
            }
            System.out.printf("| %d | %.2f | %,d | %.2f | %,d |%n", round, decodeCpu, decodeBytes, rebuildCpu, rebuildBytes);
        }
    }

    private static List<byte[]> log(int n) {
        AuditChain chain = new AuditChain(new EventSigner(Ed25519Keys.generate()));
        List<byte[]> values = new ArrayList<>(n);
        ChainHead head = ChainHead.GENESIS;
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TokenEvent event;
            if (i % 10 == 9) {
                event = new TokenRevoked(issued.remove(0), "admin", at.plusMillis(i), "rotated");
            } else {
                String id = UUID.randomUUID().toString();
                issued.add(id);
                event = new TokenIssued(id, "consumer-" + (i % 200), String.format("%064x", i), "cqm_1a2b…9f8e",
                        i % 7 == 0 ? at.plusSeconds(365L * 24 * 3600) : null, "admin", at.plusMillis(i));
            }
            EventEnvelope sealed = chain.seal(head, event, UUID.randomUUID().toString());
            values.add(EventCodec.encode(sealed));
            head = sealed.head();
        }
        return values;
    }
}
