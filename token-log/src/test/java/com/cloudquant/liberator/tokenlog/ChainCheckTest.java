package com.cloudquant.liberator.tokenlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.events.ChainBreak;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.EventEnvelope;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.kafka.TokenTopic;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit check against a real broker: it goes on from where it ended, across key rotations, and starts over on a new log. */
class ChainCheckTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final String topic = "tokens-" + UUID.randomUUID();
    private final TestLog log = new TestLog();
    private KafkaProducer<byte[], byte[]> producer;
    private ChainCheck check;

    @BeforeEach
    void topic() {
        TokenTopic.local(topic).createIn(KAFKA.broker());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        check = new ChainCheck(TokenLogSettings.local(KAFKA.bootstrapServers(), topic), log.trustedKeys());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aLaterCheckReadsOnlyTheNewRecordsEvenAcrossAKeyRotation() throws Exception {
        send(log.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        send(EventCodec.encode(log.rotateTo(Ed25519Keys.generate())));

        ChainCheck.Checked first = check.after(check.nothingChecked());
        ChainCheck.Checked unchanged = check.after(first);
        send(log.appendEncoded(TestLog.issued("t2", TestLog.newToken()))); // signed by the new key only
        ChainCheck.Checked grown = check.after(unchanged);

        assertThat(first.intact()).isTrue();
        assertThat(first.verifiedRecords()).isEqualTo(2);
        assertThat(first.recordsRead()).isEqualTo(2);
        assertThat(unchanged.recordsRead()).isZero();
        assertThat(unchanged.endOffset()).isEqualTo(first.endOffset());
        assertThat(grown.intact()).as("%s", grown.firstBreak()).isTrue();
        assertThat(grown.recordsRead()).isEqualTo(1);
        assertThat(grown.verifiedRecords()).isEqualTo(3);
        assertThat(grown.head()).isEqualTo(log.head());
    }

    @Test
    void aBreakIsFinalAndAnswersWithoutReadingAgain() throws Exception {
        send(log.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        long forged = send(new TestLog(new KeyPair(log.keys().getPublic(), Ed25519Keys.generate().getPrivate()))
                .from(log.head()).appendEncoded(TestLog.revoked("t1")));

        ChainCheck.Checked broken = check.after(check.nothingChecked());
        send(log.appendEncoded(TestLog.issued("t2", TestLog.newToken())));
        ChainCheck.Checked again = check.after(broken);

        assertThat(broken.firstBreak()).map(ChainBreak::offset).hasValue(forged);
        assertThat(broken.firstBreak()).map(ChainBreak::reason).hasValue(ChainBreak.Reason.BAD_SIGNATURE);
        assertThat(broken.verifiedRecords()).isEqualTo(1);
        assertThat(again.recordsRead()).isZero();
        assertThat(again.firstBreak()).isEqualTo(broken.firstBreak());
    }

    @Test
    void aLogThatEndsBeforeTheLastCheckWasReplacedAndIsCheckedFromTheStart() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(log.appendEncoded(TestLog.issued("t" + i, TestLog.newToken())));
        }
        ChainCheck.Checked before = check.after(check.nothingChecked());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get();
            org.awaitility.Awaitility.await().until(() -> !admin.listTopics().names().get().contains(topic));
            TokenTopic.local(topic).createIn(admin);
        }
        TestLog replacement = new TestLog(log.keys());
        EventEnvelope only = replacement.append(TestLog.issued("other", TestLog.newToken()));
        send(EventCodec.encode(only));

        ChainCheck.Checked after = check.after(before);

        assertThat(before.verifiedRecords()).isEqualTo(3);
        assertThat(after.intact()).isTrue();
        assertThat(after.verifiedRecords()).as("checked from offset 0, not on from offset 3").isEqualTo(1);
        assertThat(after.head()).isEqualTo(only.head());
    }

    @Test
    void aLogReplacedByOneOfTheSameLengthIsCheckedAgainAndItsForgeryFound() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(log.appendEncoded(TestLog.issued("t" + i, TestLog.newToken())));
        }
        ChainCheck.Checked before = check.after(check.nothingChecked());
        // an operator with Kafka admin rights swaps the topic for one of the same length whose last record nobody signed
        replaceTopic();
        TestLog copy = new TestLog(log.keys());
        send(copy.appendEncoded(TestLog.issued("t0", TestLog.newToken())));
        send(copy.appendEncoded(TestLog.issued("t1", TestLog.newToken())));
        send(new TestLog(new TestLog().keys()).appendEncoded(TestLog.issued("t2", TestLog.newToken())));

        ChainCheck.Checked after = check.after(before);

        assertThat(before.intact()).isTrue();
        assertThat(after.endOffset()).isEqualTo(before.endOffset());
        assertThat(after.recordsRead()).as("read again, not answered from the earlier check").isEqualTo(3);
        assertThat(after.firstBreak()).hasValueSatisfying(b -> assertThat(b.offset()).isEqualTo(2));
    }

    @Test
    void aLogWhoseFirstRecordsWereDeletedBreaksAtItsFirstRecord() throws Exception {
        for (int i = 0; i < 4; i++) {
            send(log.appendEncoded(TestLog.issued("t" + i, TestLog.newToken())));
        }
        ChainCheck.Checked before = check.after(check.nothingChecked());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(2))).all().get();
        }

        ChainCheck.Checked after = check.after(before);

        assertThat(before.intact()).isTrue();
        assertThat(after.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.offset()).isEqualTo(2);
            assertThat(b.reason()).isEqualTo(ChainBreak.Reason.SEQ_GAP);
        });
        assertThat(check.after(after).firstBreak()).as("and stays broken").isEqualTo(after.firstBreak());
    }

    private void replaceTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get();
            org.awaitility.Awaitility.await().until(() -> !admin.listTopics().names().get().contains(topic));
            TokenTopic.local(topic).createIn(admin);
        }
    }

    private long send(byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, value)).get().offset();
    }
}
