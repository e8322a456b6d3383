package com.cloudquant.liberator.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The background loop of the fault tests cannot hide a failure: whatever its thread meets is
 * counted, and closing it fails the test when anything was.
 */
class RequestLoopTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void anErrorThrownByTheStepIsAFailureAndTheLoopGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        RequestLoop loop = new RequestLoop("throws-once", Set.of(200), () -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("broken step");
            }
            return Optional.of(answer(200));
        });
        await().atMost(SOON).until(() -> loop.countSince(200, 0) >= 5);
        assertThat(loop.failures()).singleElement().asString().contains("broken step");
        assertThatThrownBy(loop::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 failure(s) in background loop throws-once").hasMessageContaining("broken step");
    }

    @Test
    void anUnexpectedStatusIsAFailure() {
        RequestLoop loop = new RequestLoop("answers-500", Set.of(200), () -> Optional.of(answer(500)));
        await().atMost(SOON).until(() -> !loop.failures().isEmpty());
        assertThatThrownBy(loop::close).isInstanceOf(AssertionError.class).hasMessageContaining("unexpected 500");
    }

    @Test
    void aThreadInterruptedBySomeoneElseEndsAsAFailureNotSilently() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        RequestLoop loop = new RequestLoop("interrupted", Set.of(200), () -> {
            worker.set(Thread.currentThread());
            Thread.sleep(10);
            return Optional.of(answer(200));
        });
        await().atMost(SOON).until(() -> loop.countSince(200, 0) >= 3);
        worker.get().interrupt();
        await().atMost(SOON).until(() -> !worker.get().isAlive());
        assertThat(loop.failures()).anyMatch(f -> f.contains("ended before it was stopped"));
        assertThatThrownBy(loop::close).isInstanceOf(AssertionError.class);
    }

    @Test
    void aLoopThatServedTooLittleFailsItsMinimum() throws Exception {
        try (RequestLoop loop = new RequestLoop("idle", Set.of(200), Optional::empty)) {
            assertThatThrownBy(() -> loop.assertServed(200, 1)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("idle: attempts answered 200");
        }
    }

    @Test
    void aHealthyLoopClosesQuietly() throws Exception {
        try (RequestLoop loop = new RequestLoop("healthy", Set.of(200), () -> Optional.of(answer(200)))) {
            await().atMost(SOON).until(() -> loop.countSince(200, 0) >= 10);
            loop.assertServed(200, 10);
        }
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<String> answer(int status) {
        return (HttpResponse<String>) java.lang.reflect.Proxy.newProxyInstance(RequestLoopTest.class.getClassLoader(),
                new Class<?>[] {HttpResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "statusCode" -> status;
                    case "body" -> "";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
