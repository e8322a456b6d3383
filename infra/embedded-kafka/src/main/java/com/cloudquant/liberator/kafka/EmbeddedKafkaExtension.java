package com.cloudquant.liberator.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link EmbeddedKafka} per test class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 *
 * @Test
 * void issuedTokenIsVisibleToTheGateway() {
 *     String topic = KAFKA.createTokenTopic();
 *     ... KAFKA.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>The broker starts before the class's tests, or earlier on the first call to
 * {@link #broker()} or {@link #bootstrapServers()}: extensions declared with {@code @ExtendWith}
 * (such as {@code @MicronautTest}) run their before-all first and may need the address already.
 * It is closed when the test class is finished, after every after-all callback, so application
 * contexts that use it are shut down while it still runs.
 *
 * <p>Test methods may also declare an {@link EmbeddedKafka} or {@link KafkaBroker} parameter.
 * Topics outlive a single test, so tests that need a fresh log use their own topic name.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    private final EmbeddedKafka kafka;
    private volatile boolean registeredOnClass;

    /** A broker with the default options. */
    public EmbeddedKafkaExtension() {
        this(EmbeddedKafka.builder());
    }

    /** A broker with the given options, e.g. {@code EmbeddedKafka.builder().brokerProperty(...)}. */
    public EmbeddedKafkaExtension(EmbeddedKafka.Builder options) {
        this.kafka = options.build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registeredOnClass = true;
        // JUnit closes what the class-level store holds after all after-all callbacks have run
        context.getStore(NAMESPACE).put(EmbeddedKafka.class, kafka);
        broker();
    }

    /**
     * JUnit never calls {@link #beforeAll} for an extension on an instance field, so nothing would
     * close the broker; fail with the fix instead.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!registeredOnClass) {
            throw new IllegalStateException("register EmbeddedKafkaExtension on a static field: "
                    + "@RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();");
        }
    }

    /** The broker, started on first use; a test may {@link EmbeddedKafka#stop() stop} and restart it. */
    public EmbeddedKafka broker() {
        synchronized (kafka) {
            if (!kafka.hasStarted()) {
                kafka.start();
            }
        }
        return kafka;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates (if absent) {@value com.cloudquant.liberator.events.LogTopic#DEFAULT_NAME} with the production settings; returns its name. */
    public String createTokenTopic() {
        return TokenTopic.local().createIn(broker()).name();
    }

    /** Creates (if absent) a token topic with the production settings under this name; returns it. */
    public String createTokenTopic(String name) {
        return TokenTopic.local(name).createIn(broker()).name();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker();
    }
}
