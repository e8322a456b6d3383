package com.cloudquant.liberator.localstack;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.DecodedRecord;
import com.cloudquant.liberator.events.Ed25519Keys;
import com.cloudquant.liberator.events.EventCodec;
import com.cloudquant.liberator.events.LogTopic;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.events.TrustedKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The committed token log as an auditor reads it, straight from Kafka: the hash chain verified
 * end to end with the stack's public key, and the token ids issued and revoked in it.
 */
record AuditedLog(AuditChain.Verification verification, long records, Set<String> issued, Set<String> revoked) {

    static AuditedLog read(LocalStack stack) {
        Map<String, Object> config = KafkaUsers.auditor(stack, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<DecodedRecord> log = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LogTopic.DEFAULT_NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    log.add(EventCodec.decode(record.offset(), record.value()));
                }
            }
        }
        Set<String> issued = new HashSet<>();
        Set<String> revoked = new HashSet<>();
        for (DecodedRecord record : log) {
            if (record instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenIssued event) {
                issued.add(event.tokenId());
            } else if (record instanceof DecodedRecord.KnownEvent known && known.event() instanceof TokenRevoked event) {
                revoked.add(event.tokenId());
            }
        }
        TrustedKeys keys = TrustedKeys.of(Ed25519Keys.readPublicKey(new StackLayout(stack.dataDirectory()).signingPublicKey()));
        return new AuditedLog(AuditChain.verify(log, keys), log.size(), issued, revoked);
    }
}
