package com.cloudquant.liberator.tokenservice.eventstore;

import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.ADMIN;
import static com.cloudquant.liberator.tokenservice.support.TokenServiceInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TrustedKeys;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenlog.CommittedRecords;
import com.cloudquant.liberator.tokenlog.LogRecord;
import com.cloudquant.liberator.tokenservice.config.KafkaSettings;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit whose answer is lost: the coordinator commits, the producer hears a timeout. The
 * caller is told the truth (outcome unknown, which token to look up), a retry with the same
 * Idempotency-Key gets the same token (200, no secret), nothing answers 500, and the chain the
 * service goes on writing still links — checked with shared-events over the whole topic.
 */
class CommitTimeoutTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private static final String SECRET = "cqm_[0-9a-f]{48}";

    @TempDir
    Path keys;

    @Test
    void aCommitWhoseAnswerIsLostIsReportedAsUnknownAndARetryWithTheSameKeyGetsTheSameToken() {
        String topic = KAFKA.createTokenTopic("tokens-commit-lost");
        Map<String, Object> settings = settings(topic);
        LostCommitAnswers faults = new LostCommitAnswers(settings, false);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings, faults)) {
            String before = service.issue("before-fault").get("id").asText();
            faults.loseNextCommitAnswer();

            HttpResponse<String> unknown = issue(service, "grafana-prod", "retry-key-1");

            assertThat(faults.lost.get()).as("commits whose answer was lost").isEqualTo(1);
            assertThat(unknown.statusCode()).as("POST whose commit answer was lost: %s", unknown.body()).isEqualTo(503);
            JsonNode problem = json(unknown);
            assertThat(problem.get("outcome").asText()).isEqualTo("unknown");
            String tokenId = problem.get("tokenId").asText();
            assertThat(problem.get("check").asText()).isEqualTo("/api/v1/tokens/" + tokenId);
            assertThat(problem.get("detail").asText()).doesNotContain("nothing was recorded").contains(tokenId);
            assertThat(unknown.body()).doesNotContainPattern(SECRET);

            HttpResponse<String> lookedUp = service.get("/api/v1/tokens/" + tokenId, ADMIN);
            assertThat(lookedUp.statusCode()).as("GET of the token whose commit did happen: %s", lookedUp.body())
                    .isEqualTo(200);

            HttpResponse<String> retried = issue(service, "grafana-prod", "retry-key-1");

            assertThat(retried.statusCode()).as("retry with the same key: %s", retried.body()).isEqualTo(200);
            JsonNode replay = json(retried);
            assertThat(replay.get("id").asText()).isEqualTo(tokenId);
            assertThat(replay.get("replayed").asBoolean()).isTrue();
            assertThat(replay.has("token")).isFalse();
            assertThat(replay.get("detail").asText()).contains("not shown again");
            assertThat(retried.body()).doesNotContainPattern(SECRET);

            String after = service.issue("after-fault").get("id").asText();
            assertThat(json(service.get("/api/v1/tokens", ADMIN)).findValuesAsText("id"))
                    .containsExactlyInAnyOrder(before, tokenId, after);
            assertThat(service.management("/health").statusCode()).isEqualTo(200);
        }
        List<TokenIssued> issued = verifiedIssues(topic);
        assertThat(issued).as("issues in the log").hasSize(3);
        assertThat(issued.stream().filter(i -> "retry-key-1".equals(i.idempotencyKey()))).hasSize(1);
    }

    @Test
    void aCommitWhoseFirstAnswerIsLostIsRetriedOnTheSameProducerAndAnswered201() {
        String topic = KAFKA.createTokenTopic("tokens-commit-retried");
        Map<String, Object> settings = settings(topic);
        LostCommitAnswers faults = new LostCommitAnswers(settings, true);
        try (TokenServiceInstance service = TokenServiceInstance.start(settings, faults)) {
            faults.loseNextCommitAnswer();

            HttpResponse<String> issued = issue(service, "grafana-prod", "retry-key-2");

            assertThat(faults.lost.get()).isEqualTo(1);
            assertThat(issued.statusCode()).as("POST whose first commit answer was lost: %s", issued.statusCode())
                    .isEqualTo(201);
            assertThat(json(issued).get("token").asText()).matches(SECRET);
            assertThat(service.issue("next").get("id").asText()).isNotBlank();
        }
        assertThat(verifiedIssues(topic)).hasSize(2);
    }

    /** No ownership probe during the test: its commit must not be the one whose answer is lost. */
    private Map<String, Object> settings(String topic) {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(), topic, keys);
        settings.put("liberator.kafka.writer-probe-interval", "1h");
        return settings;
    }

    private static HttpResponse<String> issue(TokenServiceInstance service, String consumer, String key) {
        return service.post("/api/v1/tokens", "{\"consumer\":\"" + consumer + "\"}", ADMIN, "Idempotency-Key", key);
    }

    /** Every record of the topic, verified with shared-events' ChainVerifier; fails on any break. */
    private List<TokenIssued> verifiedIssues(String topic) {
        TrustedKeys trusted = TrustedKeys.of(Ed25519Keys.readPublicKey(keys.resolve("signing.pub.pem")));
        ChainVerifier verifier = new ChainVerifier(trusted);
        List<TokenIssued> issued = new ArrayList<>();
        KafkaSettings settings = new KafkaSettings(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(10));
        try (CommittedRecords records = new TokenLogClients(settings).committedFrom(0)) {
            for (List<LogRecord> batch = records.next(); !batch.isEmpty(); batch = records.next()) {
                for (DecodedRecord record : LogRecord.decodeAll(batch)) {
                    Optional<ChainBreak> broken = verifier.accept(record);
                    assertThat(broken).as("chain break in topic %s", topic).isEmpty();
                    if (record instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenIssued event) {
                        issued.add(event);
                    }
                }
            }
        }
        return issued;
    }

    /**
     * Real producers whose next commit reaches the coordinator and commits, after which the
     * producer reports a timeout, as when the coordinator's answer is lost. With
     * {@code answerOnRetry} a retried commit then returns (as the client does once it hears the
     * coordinator); without, every retry times out too, until the writer gives up.
     */
    static final class LostCommitAnswers implements WriterProducers {

        final AtomicInteger lost = new AtomicInteger();
        private final TokenLogClients clients;
        private final boolean answerOnRetry;
        private volatile boolean armed;

        LostCommitAnswers(Map<String, Object> settings, boolean answerOnRetry) {
            this.clients = new TokenLogClients(new KafkaSettings((String) settings.get("liberator.kafka.bootstrap-servers"),
                    (String) settings.get("liberator.kafka.topic"), Duration.parse("PT" + settings.get("liberator.kafka.timeout"))));
            this.answerOnRetry = answerOnRetry;
        }

        void loseNextCommitAnswer() {
            armed = true;
        }

        @Override
        public KafkaProducer<String, byte[]> create() {
            return new KafkaProducer<>(clients.transactionalProducerProperties()) {
                private boolean committedUnanswered;

                @Override
                public void beginTransaction() {
                    committedUnanswered = false;
                    super.beginTransaction();
                }

                @Override
                public void commitTransaction() {
                    if (committedUnanswered) {
                        if (answerOnRetry) {
                            committedUnanswered = false;
                            return;
                        }
                        throw new TimeoutException("the coordinator's answer is still lost");
                    }
                    super.commitTransaction();
                    if (armed) {
                        armed = false;
                        committedUnanswered = true;
                        lost.incrementAndGet();
                        throw new TimeoutException("Timeout expired after 3000ms while awaiting EndTxn(COMMIT)");
                    }
                }
            };
        }
    }
}
