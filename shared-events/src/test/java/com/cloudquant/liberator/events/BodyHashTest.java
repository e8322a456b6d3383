package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decoding judges every record's hash the way {@link AuditChain#hashOf} does, whether the body
 * is hashed from the record's own bytes (what the encoder writes) or rebuilt from its fields.
 */
class BodyHashTest {

    private final AuditChain chain = new AuditChain(new EventSigner(Ed25519Keys.generate()));

    @Test
    void everyRecordTheEncoderWritesIsHashedFromItsOwnBytes() throws IOException {
        // strings that need escapes, non-ASCII and astral characters, with and without optional fields
        List<TokenEvent> events = List.of(
                new TokenIssued("t-1", "grafana-prod", "c".repeat(64), "cqm_cccc…cccc", null, "alice",
                        Instant.parse("2026-05-05T10:00:00Z")),
                new TokenIssued("t-2", "a.b_c-d", "d".repeat(64), "cqm_dddd…dddd",
                        Instant.parse("2027-01-01T00:00:00.123Z"), "Zoë \"Z\" \\ 😀 \u0001\u007f",
                        Instant.parse("2026-05-05T10:00:00.5Z")),
                new TokenRevoked("t-1", "bob", Instant.parse("2026-05-05T10:00:01Z"), "leaked\n\tin chat \u2028"),
                new TokenRevoked("t-2", "bob", Instant.parse("2026-05-05T10:00:02Z"), ""));
        ChainHead head = ChainHead.GENESIS;
        for (TokenEvent event : events) {
            EventEnvelope sealed = chain.seal(head, event, UUID.randomUUID().toString());
            byte[] value = EventCodec.encode(sealed);

            assertThat(BodyHash.hashedInPlace(value, value.length, nameOffsets(value), sealed)).as(event.toString()).isTrue();
            assertThat(EventCodec.decode(0, value).hashMatches()).isTrue();
            head = sealed.head();
        }
    }

    @Test
    void aValueLaidOutAnotherWayIsJudgedOnItsRebuiltBody() throws IOException {
        String good = new String(EventCodec.encode(issued()), StandardCharsets.UTF_8);
        List<String> sameContent = List.of(
                good.replace("{\"actor\"", "{\"addedLater\":{\"x\":1},\"actor\""),
                good.replace(",\"eventId\"", ", \"eventId\""),
                good.replace("\"consumer\":\"grafana-prod\",", "\"consumer\" : \"grafana-prod\" ,"),
                good.replace("\"actor\":\"alice\"", "\"actor\":\"\\u0061lice\""),
                good + "\n");
        for (String value : sameContent) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            assertThat(EventCodec.decode(0, bytes).hashMatches()).as(value).isTrue();
        }
        assertThat(nameOffsets(sameContent.get(0).getBytes(StandardCharsets.UTF_8))).isNull();
        byte[] escaped = sameContent.get(1).getBytes(StandardCharsets.UTF_8);
        assertThat(BodyHash.hashedInPlace(escaped, escaped.length, nameOffsets(escaped), issued())).isFalse();
    }

    @Test
    void changedContentDoesNotMatchEitherWay() {
        String good = new String(EventCodec.encode(issued()), StandardCharsets.UTF_8);
        List<String> forged = List.of(
                good.replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""),
                good.replace("\"consumer\":\"grafana-prod\"", "\"consumer\":\"grafana-test\""),
                good.replace("\"seq\":1", "\"seq\":2"),
                good.replace("\"prevHash\":\"0", "\"prevHash\":\"1"));
        for (String value : forged) {
            assertThat(EventCodec.decode(0, value.getBytes(StandardCharsets.UTF_8)).hashMatches()).as(value).isFalse();
        }
    }

    @Test
    void theFieldsOutsideTheBodyAreNotHashed() {
        String good = new String(EventCodec.encode(issued()), StandardCharsets.UTF_8);
        String otherKey = good.replaceFirst("\"keyId\":\"[^\"]*\"", "\"keyId\":\"someone-else\"")
                .replaceFirst("\"signature\":\"[^\"]*\"", "\"signature\":\"AAAA\"");

        assertThat(EventCodec.decode(0, otherKey.getBytes(StandardCharsets.UTF_8)).hashMatches()).isTrue();
    }

    private EventEnvelope issued() {
        return chain.seal(ChainHead.GENESIS, new TokenIssued("t-1", "grafana-prod", "c".repeat(64), "cqm_cccc…cccc",
                null, "alice", Instant.parse("2026-05-05T10:00:00Z")), UUID.randomUUID().toString());
    }

    private static int[] nameOffsets(byte[] value) throws IOException {
        try (JsonParser parser = EventCodec.MAPPER.getFactory().createParser(value)) {
            return EnvelopeReader.read(parser).nameOffsets();
        }
    }

    @Test
    void aHashIsRecognisedOnlyInTheLowercaseHexTheLogWrites() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 1_000; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            String hex = java.util.HexFormat.of().formatHex(digest);
            assertThat(BodyHash.isLowercaseHexOf(digest, hex)).isTrue();
            assertThat(BodyHash.isLowercaseHexOf(digest, hex.toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(hex.equals(hex.toUpperCase(java.util.Locale.ROOT)));
            int at = random.nextInt(64);
            char other = hex.charAt(at) == '0' ? '1' : '0';
            assertThat(BodyHash.isLowercaseHexOf(digest, hex.substring(0, at) + other + hex.substring(at + 1))).isFalse();
            assertThat(BodyHash.isLowercaseHexOf(digest, hex.substring(1))).isFalse();
            assertThat(BodyHash.isLowercaseHexOf(digest, hex + "0")).isFalse();
        }
    }

    @Test
    void aValueInsideALargerBufferDecodesAsTheSameBytesOnTheirOwn() {
        // Kafka hands values over as views of a whole fetch: bytes before and after belong to other records
        EventEnvelope issued = issued();
        EventEnvelope revoked = chain.seal(issued.head(), new TokenRevoked("t-1", "bob",
                Instant.parse("2026-05-05T10:00:01Z"), "x".repeat(5000)), UUID.randomUUID().toString());
        byte[] value = EventCodec.encode(issued);
        byte[] fetch = new byte[value.length + 300];
        java.util.Arrays.fill(fetch, (byte) '}');
        System.arraycopy(value, 0, fetch, 100, value.length);
        java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(fetch, 100, value.length).slice();

        DecodedRecord alone = EventCodec.decode(7, value);
        assertThat(EventCodec.decode(7, view)).isEqualTo(alone);
        assertThat(EventCodec.decode(7, view).hashMatches()).isTrue();
        assertThat(view.position()).isZero();
        assertThat(view.remaining()).isEqualTo(value.length);
        // a longer record decoded before it leaves no trace in it
        byte[] longer = EventCodec.encode(revoked);
        assertThat(EventCodec.decode(8, java.nio.ByteBuffer.wrap(longer, 0, longer.length).slice()).hashMatches()).isTrue();
        assertThat(EventCodec.decode(7, view)).isEqualTo(alone);

        assertThat(EventCodec.decode(9, (java.nio.ByteBuffer) null)).isInstanceOf(DecodedRecord.Malformed.class);
        assertThat(EventCodec.decode(9, java.nio.ByteBuffer.allocate(0))).isInstanceOf(DecodedRecord.Malformed.class);
    }
}
