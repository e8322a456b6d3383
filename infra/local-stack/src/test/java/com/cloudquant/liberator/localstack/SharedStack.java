package com.cloudquant.liberator.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack for every end-to-end test class of a run: starting it costs most of a
 * minute on two cores. Started on first use, closed when the whole run ends. Tests that
 * break a part (kill a replica, stop Kafka) put it back before they finish.
 */
final class SharedStack implements BeforeAllCallback, AutoCloseable {

    private static LocalStack stack;
    private static StackClient client;

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (stack == null) {
            Path data;
            try {
                data = Files.createTempDirectory("liberator-e2e");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack = LocalStack.start(new LocalStack.Options(data, StackPorts.ephemeral(), false,
                    "e2e-admin-password", Path.of(System.getProperty("liberator.repo.root", "../..")),
                    Duration.ofSeconds(2), null, LoadLoopSettings.GATEWAY));
            client = new StackClient(stack);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedStack.class.getName(), this);
        }
    }

    @Override
    public synchronized void close() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    static LocalStack stack() {
        return stack;
    }

    static StackClient client() {
        return client;
    }
}
