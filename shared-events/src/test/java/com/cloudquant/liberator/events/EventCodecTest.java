package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.promql.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final AuditChain chain = new AuditChain(new EventSigner(Ed25519Keys.generate()));

    @Test
    void anIssuedEventSurvivesTheRoundTripIncludingExpiry() {
        TokenIssued issued = new TokenIssued("t-1", "grafana-prod", "b".repeat(64), "cqm_bbbb…bbbb",
                Instant.parse("2027-01-01T00:00:00.123456Z"), "alice", Instant.parse("2026-05-05T10:00:00.5Z"));

        DecodedRecord decoded = roundTrip(issued);

        assertThat(decoded).isInstanceOf(DecodedRecord.KnownEvent.class);
        TokenIssued back = (TokenIssued) ((DecodedRecord.KnownEvent) decoded).event();
        assertThat(back.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00.123Z"));
        assertThat(back).isEqualTo(issued);
    }

    @Test
    void anIdempotencyKeyIsInDataAndSurvivesTheRoundTripAndAnIssueWithoutOneHasNoSuchField() {
        TokenIssued keyed = new TokenIssued("t-1", "grafana-prod", "b".repeat(64), "cqm_bbbb…bbbb", null, "alice",
                Instant.parse("2026-05-05T10:00:00Z"), "retry-7f3c");

        DecodedRecord decoded = roundTrip(keyed);

        assertThat(((DecodedRecord.KnownEvent) decoded).event()).isEqualTo(keyed);
        assertThat(json(decoded.wellFormedEnvelope().orElseThrow())).contains("\"idempotencyKey\":\"retry-7f3c\"");
        assertThat(json(issuedEnvelope())).doesNotContain("idempotencyKey");
    }

    @Test
    void anIdempotencyKeyThatIsNotVisibleAsciiIsMalformed() {
        String good = json(issuedEnvelope());
        assertMalformed(good.replace("\"consumer\":", "\"idempotencyKey\":\"two words\",\"consumer\":"), "idempotencyKey");
        assertMalformed(good.replace("\"consumer\":", "\"idempotencyKey\":\"\",\"consumer\":"), "idempotencyKey");
    }

    @Test
    void aScopeIsInDataInCanonicalFormAndSurvivesTheRoundTripAndAnUnscopedIssueHasNoSuchField() {
        TokenIssued scoped = new TokenIssued("t-1", "payments-grafana", "b".repeat(64), "cqm_bbbb…bbbb", null, "alice",
                Instant.parse("2026-05-05T10:00:00Z"), null, Scope.parse("{ namespace = 'payments', cluster =~ \"eu-.*\" }"));

        DecodedRecord decoded = roundTrip(scoped);

        TokenIssued back = (TokenIssued) ((DecodedRecord.KnownEvent) decoded).event();
        assertThat(back).isEqualTo(scoped);
        assertThat(back.canonicalScope()).hasValue("{cluster=~\"eu-.*\",namespace=\"payments\"}");
        assertThat(json(decoded.wellFormedEnvelope().orElseThrow()))
                .contains("\"scope\":\"{cluster=~\\\"eu-.*\\\",namespace=\\\"payments\\\"}\"");
        assertThat(json(issuedEnvelope())).doesNotContain("scope");
        assertThat(((TokenIssued) ((DecodedRecord.KnownEvent) roundTrip(new TokenIssued("t-2", "grafana-prod",
                "b".repeat(64), "cqm_bbbb…bbbb", null, "alice", Instant.parse("2026-05-05T10:00:00Z"), null, null)))
                .event()).scope()).isSameAs(Scope.NONE);
    }

    /**
     * A scope every reader would not read the same way is refused outright: a record whose scope
     * does not parse, is not in canonical form or is empty is malformed, and no reader applies it
     * (so no gateway ever admits that token).
     */
    @Test
    void aScopeThatDoesNotParseOrIsNotCanonicalIsMalformed() {
        String good = json(issuedEnvelope());
        String at = "\"consumer\":";
        String unterminated = good.replace(at, "\"scope\":\"{namespace=\\\"payments\\\"\"," + at);
        assertMalformed(unterminated, "is not a valid scope at position 21");
        assertMalformed(unterminated, "end of input");
        assertMalformed(good.replace(at, "\"scope\":\"{namespace=~\\\".*\\\"}\"," + at), "empty value");
        assertMalformed(good.replace(at, "\"scope\":\"{namespace!=\\\"x\\\"}\"," + at), "only = and =~");
        assertMalformed(good.replace(at, "\"scope\":\"{b=\\\"1\\\",a=\\\"2\\\"}\"," + at),
                "not in canonical form, which is {a=\"2\",b=\"1\"}");
        assertMalformed(good.replace(at, "\"scope\":\"{namespace='payments'}\"," + at), "not in canonical form");
        assertMalformed(good.replace(at, "\"scope\":\"{ namespace=\\\"payments\\\"}\"," + at), "not in canonical form");
        assertMalformed(good.replace(at, "\"scope\":\"\"," + at), "at position 0");
        assertMalformed(good.replace(at, "\"scope\":\"\"," + at), "expected '{'");
        assertMalformed(good.replace(at, "\"scope\":\"{}\"," + at), "at least one label matcher");
        assertMalformed(good.replace(at, "\"scope\":null," + at), "'scope' must be a string");
        assertMalformed(good.replace(at, "\"scope\":{\"namespace\":\"payments\"}," + at), "'scope' must be a string");
    }

    @Test
    void limitsAreInDataAsAnObjectOfCanonicalStringsAndSurviveTheRoundTripAndAnIssueWithoutThemHasNoSuchField() {
        TokenLimits limits = TokenLimits.typed(Map.of("maxRange", "2160h", "ratePerSecond", "0.50", "burst", "20",
                "minStep", "1m30s"));
        TokenIssued granted = new TokenIssued("t-1", "capacity-planning", "b".repeat(64), "cqm_bbbb…bbbb", null, "alice",
                Instant.parse("2026-05-05T10:00:00Z"), null, Scope.NONE, limits);

        DecodedRecord decoded = roundTrip(granted);

        TokenIssued back = (TokenIssued) ((DecodedRecord.KnownEvent) decoded).event();
        assertThat(back).isEqualTo(granted);
        assertThat(back.limits().maxRange()).isEqualTo(Duration.ofDays(90));
        assertThat(back.limits().ratePerSecond()).isEqualTo(0.5);
        assertThat(back.limits().maxLookback()).isNull();
        assertThat(json(decoded.wellFormedEnvelope().orElseThrow()))
                .contains("\"limits\":{\"burst\":\"20\",\"maxRange\":\"90d\",\"minStep\":\"1m30s\",\"ratePerSecond\":\"0.5\"}");
        assertThat(json(issuedEnvelope())).doesNotContain("limits");
        assertThat(((TokenIssued) ((DecodedRecord.KnownEvent) roundTrip(new TokenIssued("t-2", "grafana-prod",
                "b".repeat(64), "cqm_bbbb…bbbb", null, "alice", Instant.parse("2026-05-05T10:00:00Z"), null, null, null)))
                .event()).limits()).isSameAs(TokenLimits.NONE);
    }

    /**
     * Limits every reader would not read the same way are refused outright: a record whose limits
     * are not an object of known limits, each a string in its one canonical form, is malformed, and no
     * reader applies it (so no gateway admits that token with a budget nobody can read for certain).
     */
    @Test
    void limitsThatAreNotCanonicalOrNotLimitsAreMalformed() {
        assertMalformedLimits("{\"maxRange\":\"2160h\"}", "limits.maxRange is not in canonical form, which is 90d");
        assertMalformedLimits("{\"maxRange\":\"1d24h\"}", "not in canonical form, which is 2d");
        assertMalformedLimits("{\"burst\":\"050\"}", "not in canonical form, which is 50");
        assertMalformedLimits("{\"ratePerSecond\":\"0.50\"}", "not in canonical form, which is 0.5");
        assertMalformedLimits("{\"ratePerSecond\":\"5.0\"}", "not in canonical form, which is 5");
        assertMalformedLimits("{\"burst\":20}", "'limits.burst' must be a string");
        assertMalformedLimits("{\"maxRange\":\"0s\"}", "limits.maxRange must be > 0");
        assertMalformedLimits("{\"minStep\":\"500ms\"}", "limits.minStep must be a duration of whole seconds");
        assertMalformedLimits("{\"ratePerSecond\":\"0.0005\"}", "limits.ratePerSecond must be a number");
        assertMalformedLimits("{\"maxSeries\":\"10\"}", "limits.maxSeries is not a limit");
        assertMalformedLimits("{}", "at least one limit");
        assertMalformedLimits("\"maxRange=90d\"", "'limits' must be an object");
        assertMalformedLimits("null", "'limits' must be an object");
    }

    /** A record whose data holds {@code limits} as given, as a writer that got them wrong would write it. */
    private void assertMalformedLimits(String limits, String reasonPart) {
        assertMalformed(json(issuedEnvelope()).replace("\"consumer\":", "\"limits\":" + limits + ",\"consumer\":"),
                reasonPart);
    }

    @Test
    void aRevokedEventSurvivesTheRoundTrip() {
        TokenRevoked revoked = new TokenRevoked("t-1", "bob", Instant.parse("2026-05-05T10:00:00Z"), "leaked \"in\" chat\n");

        assertThat(((DecodedRecord.KnownEvent) roundTrip(revoked)).event()).isEqualTo(revoked);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = json(issuedEnvelope()).replace("{\"actor\"", "{\"addedLater\":{\"x\":1},\"actor\"");

        assertThat(EventCodec.decode(7, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodedRecord.KnownEvent.class);
    }

    @Test
    void anUnknownTypeIsSkippableNotAnError() {
        String json = json(issuedEnvelope()).replace("\"TokenIssued\"", "\"TokenSuspended\"");

        DecodedRecord decoded = EventCodec.decode(8, json.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isInstanceOf(DecodedRecord.UnknownEvent.class);
        assertThat(decoded.wellFormedEnvelope()).get().extracting(EventEnvelope::type).isEqualTo("TokenSuspended");
    }

    @Test
    void badValuesAreMalformedWithTheirOffsetAndAReason() {
        String good = json(issuedEnvelope());
        assertMalformed(good.substring(0, good.length() - 10), "not valid JSON");
        assertMalformed("", "empty");
        assertMalformed("[1,2]", "not a JSON object");
        assertMalformed(good.replace("\"seq\":1", "\"seq\":\"1\""), "'seq' must be an integer");
        assertMalformed(good.replace(".000Z\",\"prevHash", "Z\",\"prevHash"), "UTC instant");
        assertMalformed(good.replace("\"consumer\":\"grafana-prod\"", "\"consumer\":\"Grafana Prod\""), "consumer");
        assertMalformed(good.replace("{\"actor\":\"alice\"", "{\"actor\":\"alice\",\"actor\":\"mallory\""),
                "Duplicate field");
        assertMalformed(good.replace("\"data\":{\"consumer\":\"grafana-prod\"",
                "\"data\":{\"consumer\":\"grafana-prod\",\"consumer\":\"grafana-test\""), "Duplicate field");
    }

    @Test
    void aBodyWithoutACanonicalFormIsMalformedNotAnExceptionInTheReader() {
        // A float in data, or a lone surrogate, cannot be hashed reproducibly; anyone able to
        // write to the topic could otherwise stop every reader with one such record.
        String good = json(issuedEnvelope());
        String withFloat = good.replace("\"data\":{", "\"data\":{\"n\":1.5,").replace("TokenIssued", "Whatever");
        assertMalformed(withFloat, "integers only");
        assertMalformed(good.replace("\"actor\":\"alice\"", "\"actor\":\"a\\ud800\""), "unpaired");
    }

    @Test
    void aRotationWhosePublicKeyIsNoPemBlockIsMalformedNotAnException() {
        String good = json(issuedEnvelope());
        int data = good.indexOf("\"data\":{");
        String rotation = good.substring(0, data) + "\"data\":{\"newKeyId\":\"k2\",\"publicKey\":\"-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----\"}"
                + good.substring(good.indexOf('}', data) + 1);

        assertMalformed(rotation.replace("\"TokenIssued\"", "\"SigningKeyRotated\""), "");
    }

    @Test
    void aLoneSurrogateCannotShareAHashWithAQuestionMark() {
        EventEnvelope sealed = issuedEnvelope();
        EventEnvelope withMark = withActor(sealed, "a?");
        EventEnvelope withSurrogate = withActor(sealed, "a\ud800");

        assertThat(AuditChain.hashOf(withMark)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditChain.hashOf(withSurrogate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired");
    }

    @Test
    void aChainBreakDetailCannotForgeALogLine() {
        ChainBreak chainBreak = new ChainBreak(3, ChainBreak.Reason.UNKNOWN_KEY, "keyId x\nevent=token_issued");

        assertThat(chainBreak.describe()).doesNotContain("\n").contains("\\u000a");
    }

    private static EventEnvelope withActor(EventEnvelope e, String actor) {
        return new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(), e.occurredAt(),
                actor, e.data(), e.prevHash(), e.hash(), e.keyId(), e.signature());
    }

    private void assertMalformed(String value, String reasonPart) {
        DecodedRecord decoded = EventCodec.decode(42, value.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOf(DecodedRecord.Malformed.class);
        assertThat(decoded.offset()).isEqualTo(42);
        assertThat(((DecodedRecord.Malformed) decoded).reason()).contains(reasonPart);
    }

    private EventEnvelope issuedEnvelope() {
        return chain.seal(ChainHead.GENESIS, new TokenIssued("t-1", "grafana-prod", "c".repeat(64), "cqm_cccc…cccc",
                null, "alice", Instant.parse("2026-05-05T10:00:00Z")), UUID.randomUUID().toString());
    }

    private DecodedRecord roundTrip(TokenEvent event) {
        EventEnvelope envelope = chain.seal(ChainHead.GENESIS, event, UUID.randomUUID().toString());
        return EventCodec.decode(0, EventCodec.encode(envelope));
    }

    private static String json(EventEnvelope envelope) {
        return new String(EventCodec.encode(envelope), StandardCharsets.UTF_8);
    }
}
