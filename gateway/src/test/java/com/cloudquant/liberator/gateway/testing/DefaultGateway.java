package com.cloudquant.liberator.gateway.testing;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A gateway with the default settings in front of the shared Prometheus for one test class: started
 * before the class's own {@code @BeforeAll} (which may issue tokens on it), closed after its last test.
 * Register it with {@code @RegisterExtension} on a class that has {@code @ExtendWith(SharedInfra.class)}.
 */
public final class DefaultGateway implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<GatewayHarness> started;
    private GatewayHarness gateway;

    /** {@code started} receives the running gateway, typically to set the class's static field. */
    public DefaultGateway(Consumer<GatewayHarness> started) {
        this.started = started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        gateway = GatewayHarness.start(SharedInfra.prometheus().url(), Map.of());
        started.accept(gateway);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) {
            gateway.close();
        }
    }
}
