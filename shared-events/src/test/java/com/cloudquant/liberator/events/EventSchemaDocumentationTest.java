package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked example in docs/event-schema.md was produced with jq, sha256sum and openssl.
 * Our code must read those records, compute the same canonical bytes and hashes, and accept
 * the signatures, or the document (and every auditor following it) is wrong.
 */
class EventSchemaDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "event-schema.md");

    @Test
    void canonicalBodiesMatchTheDocumentedBytes() throws IOException {
        for (int n = 1; n <= 2; n++) {
            EventEnvelope envelope = known(n).envelope();
            assertThat(new String(EventCodec.canonicalBody(envelope), StandardCharsets.UTF_8))
                    .isEqualTo(example("body-" + n));
        }
    }

    @Test
    void hashesMatchTheDocumentedHashes() throws IOException {
        for (int n = 1; n <= 2; n++) {
            EventEnvelope envelope = known(n).envelope();
            assertThat(AuditChain.hashOf(envelope)).isEqualTo(example("hash-" + n)).isEqualTo(envelope.hash());
        }
    }

    @Test
    void theDocumentedRecordsAreCanonicalAsWritten() throws IOException {
        for (int n = 1; n <= 2; n++) {
            assertThat(new String(EventCodec.encode(known(n).envelope()), StandardCharsets.UTF_8))
                    .isEqualTo(example("record-" + n));
        }
    }

    @Test
    void theDocumentedLogVerifiesWithTheDocumentedPublicKey() throws IOException {
        Path pem = Files.createTempFile("example", ".pem");
        Files.writeString(pem, example("public-key"));
        TrustedKeys keys = TrustedKeys.of(Ed25519Keys.readPublicKey(pem));

        AuditChain.Verification verification = AuditChain.verify(java.util.List.of(known(1), known(2)), keys);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.head().seq()).isEqualTo(2);
        assertThat(keys.keyIds()).containsExactly("33fbfc4d5788ad4c");
        TokenIssued issued = (TokenIssued) known(1).event();
        assertThat(issued.consumer()).isEqualTo("grafana-prod");
        assertThat(issued.issuedBy()).isEqualTo("alice");
    }

    /**
     * The writer's side of "absent when unscoped": the documented issue, rebuilt from its decoded
     * event as the token-service builds every new one, has the same data and hash. So an event
     * written before scopes existed and one written without a scope now are the same bytes.
     */
    @Test
    void anUnscopedIssueIsWrittenExactlyAsBeforeScopesExisted() throws IOException {
        DecodedRecord.KnownEvent documented = known(1);
        EventEnvelope e = documented.envelope();
        EventEnvelope rebuilt = new EventEnvelope(e.schemaVersion(), e.seq(), e.eventId(), e.type(), e.tokenId(),
                e.occurredAt(), e.actor(), EventCodec.dataOf(documented.event()), e.prevHash(), e.hash(), e.keyId(),
                e.signature());

        assertThat(EventCodec.dataOf(documented.event()).has("scope")).isFalse();
        assertThat(new String(EventCodec.encode(rebuilt), StandardCharsets.UTF_8)).isEqualTo(example("record-1"));
        assertThat(AuditChain.hashOf(rebuilt)).isEqualTo(example("hash-1"));
    }

    /** Every example of the canonical scope form on the page is what the code makes of it. */
    @Test
    void theDocumentedScopesHaveTheDocumentedCanonicalForms() throws IOException {
        String[] lines = example("scope-canonical").split("\n");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (String line : lines) {
            String[] written = line.split("\\s+→\\s+");
            assertThat(written).as(line).hasSize(2);
            assertThat(com.cloudquant.liberator.promql.Scope.parse(written[0].strip()).canonical()).as(line)
                    .isEqualTo(written[1].strip());
        }
    }

    /** Every example of the canonical limit values on the page is what the code makes of it, and the log takes it back. */
    @Test
    void theDocumentedLimitsHaveTheDocumentedCanonicalForms() throws IOException {
        String[] lines = example("limits-canonical").split("\n");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        for (String line : lines) {
            String[] written = line.split("\\s+→\\s+");
            String[] typed = written[0].strip().split(" ");
            TokenLimits limits = TokenLimits.typed(java.util.Map.of(typed[0], typed[1]));
            assertThat(limits.canonical()).as(line).containsExactly(java.util.Map.entry(typed[0], written[1].strip()));
            assertThat(TokenLimits.fromLog(limits.canonical())).as(line).isEqualTo(limits);
        }
    }

    private static DecodedRecord.KnownEvent known(int n) throws IOException {
        DecodedRecord decoded = EventCodec.decode(n, example("record-" + n).getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOf(DecodedRecord.KnownEvent.class);
        return (DecodedRecord.KnownEvent) decoded;
    }

    /** The fenced block right after {@code <!-- example:NAME -->}. */
    static String example(String name) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- example:" + Pattern.quote(name) + " -->\\s*```[a-z]*\\n(.*?)\\n```",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("example " + name + " in " + DOC).isTrue();
        return m.group(1);
    }
}
