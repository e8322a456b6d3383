package com.cloudquant.liberator.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.audit.testing.Forgery;
import com.cloudquant.liberator.audit.testing.ListRecordBatches;
import com.cloudquant.liberator.audit.testing.TestLog;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.events.TokenRevoked;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of forgery, run through {@code verify} in both modes (one signature per run, and
 * {@code --every-signature}) and two batchings: both must name the same first bad record, with
 * the same reason and detail, and verify the same records before it.
 */
class ForgeryTableTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A forgery of the 12-event log (offsets 0–11; issue at even, revoke at odd offsets). */
    record Kind(String name, BiConsumer<TestLog, List<byte[]>> forge, long offset, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("altered data, old hash kept", (log, v) ->
                        v.set(4, Forgery.alteredKeepingHash(v.get(4), "consumer", "attacker")), 4, "HASH_MISMATCH"),
                new Kind("altered data, hash recomputed, not re-signed", (log, v) ->
                        v.set(6, Forgery.alteredWithRecomputedHash(v.get(6), "consumer", "attacker")), 6, "BAD_SIGNATURE"),
                new Kind("tail rewritten and re-chained without the key", (log, v) ->
                        Forgery.rewrittenTailWithoutTheKey(v, 5, "reason", "never revoked"), 5, "BAD_SIGNATURE"),
                new Kind("last record's signature replaced", (log, v) ->
                        v.set(11, Forgery.withSignatureOf(v.get(11), v.get(10))), 11, "BAD_SIGNATURE"),
                new Kind("deleted", (log, v) -> v.remove(3), 3, "SEQ_GAP"),
                new Kind("duplicated", (log, v) -> v.add(6, v.get(5)), 6, "SEQ_REPEATED"),
                new Kind("reordered", (log, v) -> Collections.swap(v, 3, 4), 3, "SEQ_GAP"),
                new Kind("JSON cut off", (log, v) -> v.set(7, Forgery.truncated(v.get(7))), 7, "MALFORMED"),
                new Kind("unknown type, altered", (log, v) -> {
                    log.unknownType("TokenRenamed", "t-1", "carol", T0.plusSeconds(7200));
                    log.issue("after", "alice", T0.plusSeconds(7300), null);
                    v.set(12, Forgery.alteredKeepingHash(v.get(12), "label", "forged"));
                }, 12, "HASH_MISMATCH"),
                new Kind("signed by an untrusted key", (log, v) -> v.set(2, Forgery.alteredAndSignedBy(
                        new EventSigner(Ed25519Keys.generate()), v.get(2), "consumer", "attacker")), 2, "UNKNOWN_KEY"),
                new Kind("signed by a key retired by a rotation", (log, v) -> {
                    var retired = log.rotate("carol", T0.plusSeconds(7200));
                    log.issue("after-0", "alice", T0.plusSeconds(7300), null);
                    log.issue("after-1", "alice", T0.plusSeconds(7400), null);
                    log.appendSignedBy(retired, new TokenRevoked("any", "mallory", T0.plusSeconds(7500), ""));
                    log.issue("after-2", "alice", T0.plusSeconds(7600), null);
                }, 15, "RETIRED_KEY"),
                new Kind("truncated since an earlier audit (--expect-head)", (log, v) -> {
                    v.remove(11);
                    v.remove(10);
                }, -1, "EARLIER_HEAD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bothModesNameTheSameFirstBadRecordForEveryForgery(Kind kind) throws Exception {
        TestLog log = cleanLog();
        Path key = log.writePublicKey(dir);
        String head = head(verify(log, key, 1000, List.of()));
        kind.forge().accept(log, log.values());
        List<String> expectHead = kind.reason().equals("EARLIER_HEAD") ? List.of("--expect-head", head) : List.of();

        JsonNode reference = null;
        for (int batch : new int[] {3, 1000}) {
            for (List<String> mode : List.of(List.<String>of(), List.of("--every-signature"))) {
                AuditRun run = verify(log, key, batch, concat(expectHead, mode));
                JsonNode json = JSON.readTree(run.out());
                String what = kind + ", " + (mode.isEmpty() ? "one per run" : "every record") + ", batches of " + batch;
                assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(ExitCode.CHAIN_BROKEN);
                assertThat(json.get("signatures").asText()).as(what)
                        .isEqualTo(mode.isEmpty() ? "one per run" : "every record");
                if (kind.reason().equals("EARLIER_HEAD")) {
                    assertThat(json.get("intact").asBoolean()).as(what).isTrue();
                    assertThat(json.get("earlierHeadConfirmed").asBoolean()).as(what).isFalse();
                    assertThat(run.err()).as(what).contains("events were removed from the end of the log");
                } else {
                    assertThat(json.at("/firstBreak/offset").asLong()).as(what).isEqualTo(kind.offset());
                    assertThat(json.at("/firstBreak/reason").asText()).as(what).isEqualTo(kind.reason());
                    assertThat(json.get("verifiedRecords").asLong()).as(what).isEqualTo(kind.offset());
                }
                if (reference == null) {
                    reference = json;
                }
                assertThat(json.get("firstBreak")).as(what).isEqualTo(reference.get("firstBreak"));
                assertThat(json.get("head")).as(what).isEqualTo(reference.get("head"));
            }
        }
    }

    @Test
    void onlyEverySignatureNamesARecordInsideARunWhoseSignatureAloneWasReplaced() throws Exception {
        TestLog log = cleanLog();
        Path key = log.writePublicKey(dir);
        log.values().set(5, Forgery.withSignatureOf(log.values().get(5), log.values().get(4)));

        AuditRun perRun = verify(log, key, 1000, List.of());
        AuditRun every = verify(log, key, 1000, List.of("--every-signature"));

        // its content is vouched for by the run's last signature; only its own signature is wrong
        assertThat(perRun.exitCode()).as(perRun.err()).isZero();
        assertThat(every.exitCode()).isEqualTo(ExitCode.CHAIN_BROKEN);
        assertThat(JSON.readTree(every.out()).at("/firstBreak/offset").asLong()).isEqualTo(5);
        assertThat(JSON.readTree(every.out()).at("/firstBreak/reason").asText()).isEqualTo("BAD_SIGNATURE");
    }

    private static TestLog cleanLog() {
        TestLog log = new TestLog();
        for (int i = 0; i < 6; i++) {
            String token = log.issue("grafana-" + i, "alice", T0.plusSeconds(i * 60L), null);
            log.revoke(token, "bob", T0.plusSeconds(i * 60L + 30), "rotated");
        }
        return log;
    }

    private static AuditRun verify(TestLog log, Path key, int batch, List<String> extra) {
        AuditEnvironment env = new AuditEnvironment(settings -> new ListRecordBatches(log.values(), batch),
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC), false);
        List<String> args = concat(List.of("verify", "--bootstrap-servers", "unused:9092", "--public-key",
                key.toString(), "--json", "--threads", "2"), extra);
        return AuditRun.of(env, args.toArray(String[]::new));
    }

    private static String head(AuditRun run) throws Exception {
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("intact").asBoolean()).as(run.err()).isTrue();
        return json.at("/head/seq").asLong() + ":" + json.at("/head/hash").asText();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
