package com.cloudquant.liberator.gateway.testing;

import com.cloudquant.liberator.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka and one real Prometheus for the whole test run (starting them per
 * class would cost seconds each on a 2-core machine). Closed by JUnit after the last
 * class, i.e. after every gateway context that uses them.
 */
public final class SharedInfra implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedInfra.class);
    private static volatile Resources resources;

    @Override
    public void beforeAll(ExtensionContext context) {
        resources = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Resources.class, key -> Resources.start(), Resources.class);
    }

    public static EmbeddedKafka kafka() {
        return resources.kafka;
    }

    public static PrometheusProcess prometheus() {
        return resources.prometheus;
    }

    static final class Resources implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final EmbeddedKafka kafka;
        private final PrometheusProcess prometheus;

        private Resources(EmbeddedKafka kafka, PrometheusProcess prometheus) {
            this.kafka = kafka;
            this.prometheus = prometheus;
        }

        static Resources start() {
            try {
                Path dir = Files.createTempDirectory("gateway-prometheus");
                PrometheusProcess prometheus = PrometheusProcess.start(dir);
                EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
                return new Resources(kafka, prometheus);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            prometheus.close();
            kafka.close();
        }
    }
}
