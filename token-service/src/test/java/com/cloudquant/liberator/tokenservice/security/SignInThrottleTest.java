package com.cloudquant.liberator.tokenservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudquant.liberator.kafka.EmbeddedKafkaExtension;
import com.cloudquant.liberator.tokenservice.support.TokenServiceInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed sign-ins are counted per real client address and user name: over TCP from distinct
 * loopback addresses (127.0.0.x), and from clients named by a trusted proxy in X-Forwarded-For,
 * as nginx does for everybody in front of the token-service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottleTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String WRONG = TokenServiceInstance.basic("admin", "wrong");

    @TempDir
    static Path keys;

    static TokenServiceInstance service;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = TokenServiceInstance.settings(KAFKA.bootstrapServers(),
                KAFKA.createTokenTopic("tokens-throttle"), keys);
        settings.put("liberator.admin.max-failed-logins", 3);
        settings.put("liberator.admin.spray-threshold", 8);
        settings.put("liberator.trusted-proxies", "127.0.0.1/32"); // the "nginx" of these tests
        service = TokenServiceInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aStrangerGuessingBehindTheProxyCannotLockTheAdminOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(status("127.0.0.1", WRONG, "198.51.100.66")).isEqualTo(401);
        }
        assertThat(status("127.0.0.1", WRONG, "198.51.100.66")).isEqualTo(429);
        assertThat(status("127.0.0.1", TokenServiceInstance.ADMIN, "198.51.100.66")).isEqualTo(429);

        assertThat(status("127.0.0.1", TokenServiceInstance.ADMIN, "198.51.100.10")).isEqualTo(200);
    }

    @Test
    void aStrangerOnAnotherAddressCannotLockTheAdminOut() {
        for (int i = 0; i < 5; i++) {
            status("127.0.0.2", WRONG, null);
        }
        assertThat(status("127.0.0.2", TokenServiceInstance.ADMIN, null)).isEqualTo(429);

        assertThat(status("127.0.0.3", TokenServiceInstance.ADMIN, null)).isEqualTo(200);
    }

    @Test
    void aClientThatIsNotATrustedProxyCannotNameAnotherClient() {
        String wrong = TokenServiceInstance.basic("mallory", "wrong");
        for (int i = 0; i < 3; i++) {
            assertThat(status("127.0.0.4", wrong, "198.51.100." + (100 + i))).isEqualTo(401);
        }

        assertThat(status("127.0.0.4", wrong, "198.51.100.200")).isEqualTo(429);
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> status("127.0.0.5", TokenServiceInstance.basic("parallel", "wrong"), null)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }

            assertThat(statuses).hasSize(32).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401).count()).as("password checks").isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Last: it leaves the admin under spray for the rest of the window. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aSprayedUserNameStillLetsTheRightPasswordInFromACleanAddress() {
        for (int i = 0; i < 8; i++) {
            assertThat(status("127.0.0.1", WRONG, "203.0.113." + i)).isEqualTo(401);
        }

        // under spray one failure makes an address wait, even with the right password
        assertThat(status("127.0.0.1", TokenServiceInstance.ADMIN, "203.0.113.0")).isEqualTo(429);
        // another user name is not under spray
        assertThat(status("127.0.0.1", TokenServiceInstance.basic("mallory", "wrong"), "203.0.113.1")).isEqualTo(401);
        // a clean address is still checked
        assertThat(status("127.0.0.1", WRONG, "203.0.113.50")).isEqualTo(401);
        assertThat(status("127.0.0.1", TokenServiceInstance.ADMIN, "203.0.113.51")).isEqualTo(200);
    }

    /** A GET of the token list over a socket bound to {@code from}; the status code. */
    private static int status(String from, String authorization, String forwardedFor) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1");
        headers.put("Authorization", authorization);
        if (forwardedFor != null) {
            headers.put("X-Forwarded-For", forwardedFor);
        }
        headers.put("Connection", "close");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), service.uri("/").getPort()), 5_000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder("GET /api/v1/tokens HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
