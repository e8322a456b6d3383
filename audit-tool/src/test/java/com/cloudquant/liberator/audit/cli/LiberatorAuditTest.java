package com.cloudquant.liberator.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.audit.source.LogUnreadableException;
import com.cloudquant.liberator.audit.testing.Forgery;
import com.cloudquant.liberator.audit.testing.ListRecordBatches;
import com.cloudquant.liberator.audit.testing.TestLog;
import com.cloudquant.liberator.events.TokenLimits;
import com.cloudquant.liberator.promql.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line over an in-memory log: output, formats and exit codes. */
class LiberatorAuditTest {

    private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

    @TempDir
    Path dir;

    private TestLog log;
    private Path publicKey;
    private String revokedToken;

    @BeforeEach
    void aSmallLog() throws Exception {
        log = new TestLog();
        String expiring = log.issue("grafana-prod", "alice", Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"));
        revokedToken = log.issue("grafana-prod", "alice", Instant.parse("2026-04-01T10:00:00Z"), null);
        log.issue("federated-prometheus-eu", "carol", Instant.parse("2026-04-10T08:00:00Z"), null);
        log.revoke(revokedToken, "bob", Instant.parse("2026-05-01T09:00:00Z"), "leaked, \"rotated\"");
        publicKey = log.writePublicKey(dir);
        assertThat(expiring).isNotBlank();
    }

    @Test
    void verifyOfACleanLogExitsZeroWithASummary() {
        AuditRun run = run("verify");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("INTACT")
                .contains("events      4 (unknown types skipped: 0)")
                .contains("tokens      issued 3, revoked 1, active 1, expired 1")
                .contains("first event 2026-03-01T10:00:00.000Z")
                .contains("last event  2026-05-01T09:00:00.000Z")
                .contains("actors      alice (2), bob (1), carol (1)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void verifyOfAnAlteredLogExitsOneNamingTheOffsetAndReason() {
        log.values().set(2, Forgery.alteredKeepingHash(log.values().get(2), "consumer", "attacker"));

        AuditRun run = run("verify");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("offset 2: HASH_MISMATCH");
        assertThat(run.out()).contains("BROKEN at offset 2: HASH_MISMATCH").contains("verified    2 records");
    }

    @Test
    void verifyJsonIsMachineReadable() throws Exception {
        log.values().remove(1);

        AuditRun run = run("verify", "--json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.get("intact").asBoolean()).isFalse();
        assertThat(json.at("/firstBreak/offset").asLong()).isEqualTo(1);
        assertThat(json.at("/firstBreak/reason").asText()).isEqualTo("SEQ_GAP");
        assertThat(json.at("/tokens/issued").asLong()).isEqualTo(1);
        assertThat(json.get("verifiedRecords").asLong()).isEqualTo(1);
    }

    @Test
    void headFromAnEarlierAuditIsConfirmedWhenTheLogOnlyGrew() throws Exception {
        String head = earlierHead();
        log.issue("grafana-new", "alice", Instant.parse("2026-06-15T00:00:00Z"), null);

        AuditRun run = run("verify", "--expect-head", head);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("earlier     seq 4 has the hash the earlier audit recorded");
    }

    @Test
    void eventsRemovedFromTheEndSinceAnEarlierAuditAreReported() throws Exception {
        String head = earlierHead();
        log.values().remove(3);

        AuditRun run = run("verify", "--expect-head", head);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the log ends at seq 3 but an earlier audit saw seq 4");
    }

    @Test
    void logRewrittenSinceAnEarlierAuditIsReported() throws Exception {
        String head = earlierHead();
        TestLog rewritten = new TestLog();
        for (int i = 0; i < 4; i++) {
            rewritten.issue("grafana-" + i, "mallory", Instant.parse("2026-03-01T10:00:00Z"), null);
        }
        log = rewritten;
        publicKey = rewritten.writePublicKey(dir);

        AuditRun run = run("verify", "--expect-head", head);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("seq 4 now has hash").contains("the log was rewritten");
    }

    @Test
    void malformedExpectedHeadIsAUsageError() {
        AuditRun run = run("verify", "--expect-head", "4:nothex");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("SEQ:HASH");
    }

    private String earlierHead() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("verify", "--json").out());
        return json.at("/head/seq").asLong() + ":" + json.at("/head/hash").asText();
    }

    @Test
    void unknownEventTypeIsSkippedWithAWarningOnStderr() {
        log.unknownType("TokenRenamed", revokedToken, "dave", Instant.parse("2026-05-02T00:00:00Z"));

        AuditRun run = run("verify");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: offset 4: skipping event type 'TokenRenamed'");
        assertThat(run.out()).contains("unknown types skipped: 1");
    }

    @Test
    void tokensAtAnInstantListsWhoHeldAValidToken() {
        AuditRun run = run("tokens", "--at", "2026-05-01T09:00:00Z");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("2 token(s) valid at 2026-05-01T09:00:00.000Z")
                .contains("federated-prometheus-eu").contains("grafana-prod").doesNotContain(revokedToken);
    }

    @Test
    void tokensOnADayIncludeTokensRevokedThatDay() throws Exception {
        AuditRun run = run("tokens", "--on", "2026-05-01", "--json");

        JsonNode tokens = new ObjectMapper().readTree(run.out()).get("tokens");
        assertThat(tokens).hasSize(3);
        assertThat(tokens.findValuesAsText("revokedBy")).contains("bob");
    }

    @Test
    void tokensNeedsEitherAtOrOn() {
        AuditRun run = run("tokens");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--at").contains("--on");
    }

    @Test
    void historyListsAConsumersIssuesAndRevocations() {
        AuditRun run = run("history", "--consumer", "grafana-prod");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("3 event(s) for consumer grafana-prod")
                .contains("expires 2026-06-01T00:00:00.000Z").contains("TokenRevoked").contains("bob")
                .doesNotContain("carol");
    }

    @Test
    void tokensAndHistoryShowAScopedTokensScopeAsTextAndAsJson() throws Exception {
        String scoped = log.issueScoped("grafana-prod", "alice", Instant.parse("2026-05-02T00:00:00Z"),
                Scope.parse("{namespace='payments', cluster=~\"eu-.*\"}"));
        log.revoke(scoped, "bob", Instant.parse("2026-05-04T00:00:00Z"), "rotated");
        String canonical = "{cluster=~\"eu-.*\",namespace=\"payments\"}";

        AuditRun tokens = run("tokens", "--at", "2026-05-03T00:00:00Z");
        AuditRun history = run("history", "--consumer", "grafana-prod");
        JsonNode tokensJson = new ObjectMapper().readTree(run("tokens", "--at", "2026-05-03T00:00:00Z", "--json").out());
        JsonNode historyJson = new ObjectMapper().readTree(run("history", "--consumer", "grafana-prod", "--json").out());

        assertThat(tokens.out().lines().findFirst().orElseThrow()).isEqualTo("3 token(s) valid at 2026-05-03T00:00:00.000Z");
        assertThat(tokens.out().lines().filter(line -> line.startsWith("CONSUMER"))).singleElement()
                .satisfies(header -> assertThat(header).endsWith("SCOPE"));
        assertThat(tokens.out().lines().filter(line -> line.contains(scoped))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(canonical));
        assertThat(tokens.out().lines().filter(line -> line.contains("federated-prometheus-eu"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(" -"));
        assertThat(tokensJson.get("tokens")).anySatisfy(t -> assertThat(t.get("scope").asText()).isEqualTo(canonical))
                .anySatisfy(t -> assertThat(t.get("scope").isNull()).isTrue());
        assertThat(history.out().lines().filter(line -> line.contains(scoped) && line.contains("TokenIssued")))
                .singleElement().satisfies(line -> assertThat(line).endsWith("scope " + canonical));
        JsonNode events = historyJson.get("events");
        assertThat(events.get(3).get("type").asText()).isEqualTo("TokenIssued");
        assertThat(events.get(3).get("scope").asText()).isEqualTo(canonical);
        assertThat(events.get(4).get("type").asText()).isEqualTo("TokenRevoked");
        assertThat(events.get(4).get("scope").asText()).as("the revoked token's scope").isEqualTo(canonical);
        assertThat(events.get(0).get("scope").isNull()).isTrue();
        List<List<String>> csv = parseCsv(run("export", "--format", "csv").out());
        int scope = csv.get(0).indexOf("scope");
        assertThat(csv.get(5).get(scope)).isEqualTo(canonical);
        assertThat(csv.get(1).get(scope)).isEmpty();
    }

    @Test
    void tokensHistoryAndCsvShowATokensOwnLimitsAndWhoGrantedThem() throws Exception {
        String granted = log.issueWithLimits("grafana-prod", "carol", Instant.parse("2026-05-02T00:00:00Z"),
                TokenLimits.typed(Map.of("maxRange", "90d", "ratePerSecond", "0.5")));
        log.revoke(granted, "bob", Instant.parse("2026-05-04T00:00:00Z"), "rotated");
        String summary = "maxRange=90d ratePerSecond=0.5";

        AuditRun tokens = run("tokens", "--at", "2026-05-03T00:00:00Z");
        AuditRun history = run("history", "--consumer", "grafana-prod");
        JsonNode tokensJson = new ObjectMapper().readTree(run("tokens", "--at", "2026-05-03T00:00:00Z", "--json").out());
        JsonNode historyJson = new ObjectMapper().readTree(run("history", "--consumer", "grafana-prod", "--json").out());

        assertThat(tokens.out().lines().filter(line -> line.startsWith("CONSUMER"))).singleElement()
                .satisfies(header -> assertThat(header).contains(" LIMITS ").endsWith("SCOPE"));
        assertThat(tokens.out().lines().filter(line -> line.contains(granted))).singleElement()
                .satisfies(line -> assertThat(line).contains(" carol ").contains(" " + summary + " ").endsWith(" -"));
        assertThat(tokens.out().lines().filter(line -> line.contains("federated-prometheus-eu"))).singleElement()
                .satisfies(line -> assertThat(line).as("no limits of its own, no scope").containsPattern(" -\\s+-$"));
        assertThat(tokensJson.get("tokens"))
                .anySatisfy(t -> assertThat(t.get("limits").toString()).isEqualTo("{\"maxRange\":\"90d\",\"ratePerSecond\":\"0.5\"}"))
                .anySatisfy(t -> assertThat(t.get("limits").isNull()).isTrue());
        assertThat(history.out().lines().filter(line -> line.contains(granted) && line.contains("TokenIssued")))
                .singleElement().satisfies(line -> assertThat(line).contains(" carol ").endsWith("limits " + summary));
        JsonNode events = historyJson.get("events");
        assertThat(events.get(3).get("type").asText()).isEqualTo("TokenIssued");
        assertThat(events.get(3).get("limits").get("maxRange").asText()).isEqualTo("90d");
        assertThat(events.get(4).get("type").asText()).isEqualTo("TokenRevoked");
        assertThat(events.get(4).get("limits").get("ratePerSecond").asText()).as("the revoked token's limits").isEqualTo("0.5");
        assertThat(events.get(0).get("limits").isNull()).isTrue();
        List<List<String>> csv = parseCsv(run("export", "--format", "csv").out());
        int limits = csv.get(0).indexOf("limits");
        assertThat(csv.get(5).get(limits)).isEqualTo(summary);
        assertThat(csv.get(1).get(limits)).isEmpty();
    }

    /** A label value may hold a terminal escape: the canonical form writes it as text, and Printable stands behind it. */
    @Test
    void aScopeWhoseValueHoldsControlCharactersIsPrintedAsEscapes() {
        log.issueScoped("grafana-prod", "alice", Instant.parse("2026-05-02T00:00:00Z"),
                Scope.parse("{team=\"a\\x1b[2Jb\\u202e\"}"));

        for (AuditRun run : List.of(run("history", "--consumer", "grafana-prod"), run("tokens", "--at", "2026-05-03T00:00:00Z"))) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u202e").contains("{team=\"a\\x1b[2Jb\\u202e\"}");
        }
    }

    /**
     * A signed issue whose scope is not in canonical form (a writer that canonicalises otherwise)
     * is MALFORMED: the audit fails naming its offset, and the token is in no listing.
     */
    @Test
    void aSignedIssueWithANonCanonicalScopeIsAMalformedBreakAndIsNeverListed() {
        String odd = log.issueWithScopeText("grafana-prod", "alice", Instant.parse("2026-05-02T00:00:00Z"),
                "{namespace='payments'}");

        AuditRun verify = run("verify");
        AuditRun tokens = run("tokens", "--at", "2026-05-03T00:00:00Z");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err() + verify.out()).contains("offset 4").contains("MALFORMED")
                .contains("not in canonical form, which is {namespace=\"payments\"}");
        assertThat(tokens.out()).doesNotContain(odd);
    }

    @Test
    void exportCsvHasAHeaderAndOneQuotedRowPerEvent() {
        AuditRun run = run("export", "--format", "csv");

        String[] lines = run.out().split("\r\n");
        assertThat(run.exitCode()).isZero();
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("offset,seq,occurredAt,type,tokenId,actor,consumer,hint");
        assertThat(lines[4]).startsWith("3,4,2026-05-01T09:00:00.000Z,TokenRevoked,").contains("\"leaked, \"\"rotated\"\"\"");
    }

    /**
     * Hostile values a signed-in user chooses (an IdP user name, a revoke reason) must not run as
     * spreadsheet formulas (consumer names are checked when a token is issued).
     */
    @Test
    void exportCsvNeutralisesFormulasAndKeepsInjectedLineBreaksInTheirCell() {
        String hostile = log.issue("ops", "=HYPERLINK(\"http://evil.example/\",\"click\")",
                Instant.parse("2026-05-02T00:00:00Z"), null);
        log.revoke(hostile, "@evil", Instant.parse("2026-05-03T00:00:00Z"), "\r\n-1+1,\"x\"\r\n=2+5");

        AuditRun run = run("export", "--format", "csv");

        List<List<String>> rows = parseCsv(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(rows).hasSize(7).allSatisfy(row -> assertThat(row).hasSize(rows.get(0).size()));
        int actor = rows.get(0).indexOf("actor");
        int consumer = rows.get(0).indexOf("consumer");
        int reason = rows.get(0).indexOf("reason");
        assertThat(rows.get(5).get(actor)).isEqualTo("'=HYPERLINK(\"http://evil.example/\",\"click\")");
        assertThat(rows.get(5).get(consumer)).isEqualTo("ops");
        assertThat(rows.get(6).get(actor)).isEqualTo("'@evil");
        assertThat(rows.get(6).get(reason)).isEqualTo("'\r\n-1+1,\"x\"\r\n=2+5");
        assertThat(rows.stream().flatMap(List::stream)).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }

    /** A spreadsheet that trims cells on import would run a formula behind blanks or a line break too. */
    @Test
    void exportCsvNeutralisesFormulasBehindBlanksAndLineBreaks() {
        String id = log.issue("ops", " =HYPERLINK(\"http://evil.example/\")", Instant.parse("2026-05-02T00:00:00Z"), null);
        log.revoke(id, "\u00a0\u2003@evil", Instant.parse("2026-05-03T00:00:00Z"), "\n=2+5");

        AuditRun run = run("export", "--format", "csv");

        List<List<String>> rows = parseCsv(run.out());
        assertThat(run.exitCode()).isZero();
        int actor = rows.get(0).indexOf("actor");
        int reason = rows.get(0).indexOf("reason");
        assertThat(rows.get(rows.size() - 2).get(actor)).isEqualTo("' =HYPERLINK(\"http://evil.example/\")");
        assertThat(rows.get(rows.size() - 1).get(actor)).isEqualTo("'\u00a0\u2003@evil");
        assertThat(rows.get(rows.size() - 1).get(reason)).isEqualTo("'\n=2+5");
    }

    /** Text output goes to a terminal: an ESC sequence or a line break in a value is shown, never obeyed. */
    @Test
    void textOutputShowsControlCharactersAsEscapesInsteadOfSendingThemToTheTerminal() {
        String id = log.issue("grafana-prod", "mallory\u001b[2J\u001b]0;owned\u0007", Instant.parse("2026-05-02T00:00:00Z"), null);
        log.revoke(id, "eve\r\nFAKE 2026 TokenIssued", Instant.parse("2026-06-15T00:00:00Z"), "\u009b31mred\u202etxt.exe");

        for (AuditRun run : List.of(run("history", "--consumer", "grafana-prod"), run("tokens", "--at", "2026-05-10T00:00:00Z"),
                run("verify"))) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                    .doesNotContain("\u202e").doesNotContain("\r").contains("mallory\\u001b[2J\\u001b]0;owned\\u0007");
            assertThat(run.out().lines()).noneMatch(line -> line.startsWith("FAKE"));
        }
        assertThat(run("history", "--consumer", "grafana-prod").out())
                .contains("eve\\u000d\\u000aFAKE 2026 TokenIssued").contains("\\u009b31mred\\u202etxt.exe");
    }

    /** RFC 4180: rows end with CRLF outside quotes; a quoted cell holds anything, quotes doubled. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @Test
    void exportSinceUntilKeepsTheEventsOfThatWindowAfterVerifyingTheWholeLog() throws Exception {
        AuditRun run = run("export", "--format", "ndjson", "--since", "2026-04-01T10:00:00Z",
                "--until", "2026-05-01T09:00:00Z");

        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines[0]).get("offset").asLong()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(lines[1]).get("offset").asLong()).isEqualTo(2);

        // a forged record before the window still fails the export
        log.values().set(0, Forgery.alteredKeepingHash(log.values().get(0), "consumer", "attacker"));
        AuditRun forged = run("export", "--format", "ndjson", "--since", "2026-04-01T10:00:00Z");
        assertThat(forged.exitCode()).isEqualTo(1);
        assertThat(forged.out()).isEmpty();
    }

    @Test
    void exportWindowThatEndsBeforeItStartsIsAUsageError() {
        AuditRun run = run("export", "--format", "csv", "--since", "2026-05-01T00:00:00Z",
                "--until", "2026-04-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since must be before --until");
    }

    @Test
    void exportNdjsonWritesOneEnvelopePerLineWithItsOffset() throws Exception {
        AuditRun run = run("export", "--format", "NDJSON");

        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode last = new ObjectMapper().readTree(lines[3]);
        assertThat(last.get("offset").asLong()).isEqualTo(3);
        assertThat(last.at("/data/reason").asText()).isEqualTo("leaked, \"rotated\"");
        assertThat(last.get("hash").asText()).hasSize(64);
    }

    @Test
    void unreadablePublicKeyExitsThreeNamingTheFix() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("notakey.pem"), "hello");

        AuditRun run = AuditRun.of(environment(), "verify", "--bootstrap-servers", "unused:9092",
                "--public-key", notAKey.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("notakey.pem").contains("event-signing public key");
    }

    @Test
    void unreachableKafkaExitsThree() {
        AuditEnvironment unreachable = new AuditEnvironment(settings -> {
            throw new LogUnreadableException("cannot read from " + settings.bootstrapServers());
        }, Clock.fixed(NOW, ZoneOffset.UTC), false);

        AuditRun run = AuditRun.of(unreachable, "verify", "--bootstrap-servers", "nowhere:9092",
                "--public-key", publicKey.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("nowhere:9092");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(AuditRun.of(environment()).exitCode()).isEqualTo(2);
    }

    @Test
    void progressBarOnATerminalShowsPaceAndTimeLeft() {
        // a clock that moves half a second per reading, one record per batch, 4 records in all
        AtomicLong readings = new AtomicLong();
        AuditEnvironment terminal = new AuditEnvironment(settings -> new ListRecordBatches(log.values(), 1),
                Clock.fixed(NOW, ZoneOffset.UTC), true, () -> readings.getAndIncrement() * 500_000_000L);

        AuditRun run = AuditRun.of(terminal, "verify", "--bootstrap-servers", "in-memory:9092",
                "--public-key", publicKey.toString());

        assertThat(log.values()).hasSize(4);
        assertThat(run.err()).contains("verifying [").contains("1 of 4")
                // two records in the second after the first one, one record left at that pace
                .contains("3 of 4  2 records/s  ETA 1 s");
        assertThat(run.out()).startsWith("log ").doesNotContain("verifying");
    }

    @Test
    void progressBarIsNeverDrawnWithJsonOrOffATerminal() {
        AuditEnvironment terminal = new AuditEnvironment(settings -> new ListRecordBatches(log.values(), 2),
                Clock.fixed(NOW, ZoneOffset.UTC), true);

        AuditRun json = AuditRun.of(terminal, "verify", "--json", "--bootstrap-servers", "in-memory:9092",
                "--public-key", publicKey.toString());

        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEmpty();
        assertThat(json.out()).startsWith("{");
        assertThat(run("verify").err()).isEmpty();
    }

    @Test
    void timeLeftReadsInSecondsMinutesOrHours() {
        assertThat(ProgressBar.eta(0.2)).isEqualTo("1 s");
        assertThat(ProgressBar.eta(59)).isEqualTo("59 s");
        assertThat(ProgressBar.eta(61)).isEqualTo("1 min 1 s");
        assertThat(ProgressBar.eta(7_260)).isEqualTo("2 h 1 min");
    }

    @Test
    void emptyLogVerifiesAsEmpty() {
        log.values().clear();

        AuditRun run = run("verify");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("log         liberator.metrics-tokens.v1, empty").contains("events      0");
    }

    @Test
    void zeroThreadsIsAUsageError() {
        AuditRun run = run("verify", "--threads", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threads must be at least 1");
    }

    @Test
    void nonPositiveTimeoutIsAUsageError() {
        AuditRun run = run("verify", "--timeout", "PT0S");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout must be positive");
    }

    @Test
    void helpListsTheExitCodes() {
        AuditRun run = AuditRun.of(environment(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("the log does NOT verify");
    }

    private AuditRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = "in-memory:9092";
        all[args.length + 2] = "--public-key";
        all[args.length + 3] = publicKey.toString();
        return AuditRun.of(environment(), all);
    }

    private AuditEnvironment environment() {
        return new AuditEnvironment(settings -> new ListRecordBatches(log.values(), 2),
                Clock.fixed(NOW, ZoneOffset.UTC), false);
    }
}
