package com.cloudquant.liberator.kafka;

import com.cloudquant.liberator.process.FreePort;
import com.cloudquant.liberator.events.LogTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaLifecycleTest {

    @Test
    void temporaryDataDirectoryIsDeletedOnClose() {
        Path data;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            data = kafka.dataDirectory();
            assertThat(data.resolve("meta.properties")).exists();
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void explicitDataDirectoryIsKeptAndAnotherBrokerFindsItsRecords(@TempDir Path data) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDirectory(data).build().start()) {
            String topic = TokenTopic.local().createIn(first).name();
            try (KafkaProducer<String, String> producer = TestClients.producer(first)) {
                producer.send(new ProducerRecord<>(topic, "issued")).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.list(data)).isNotEmpty();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDirectory(data).build().start()) {
            assertThat(TestClients.readValues(second, LogTopic.DEFAULT_NAME, "read_committed", 1))
                    .containsExactly("issued");
        }
    }

    @Test
    void listensOnTheRequestedPortOfTheLoopbackAddress() {
        int port = FreePort.pick();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).build().start()) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(kafka.port()).isEqualTo(port);
        }
    }

    @Test
    void startingOnAPortInUseFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafka kafka = EmbeddedKafka.builder().port(taken.getLocalPort()).build()) {

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(kafka.isRunning()).isFalse();
        }
    }

    @Test
    void hasNoAddressBeforeTheFirstStart() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();

        assertThatThrownBy(kafka::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        kafka.close();
    }

    @Test
    void refusesToStartAfterClose() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.close();

        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build a new one");
    }
}
