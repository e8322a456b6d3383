package com.cloudquant.liberator.edge;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The management port ({@code endpoints.all.port}: health and Prometheus metrics, no
 * authentication) on its own address, {@value #HOST_SETTING}, loopback unless set: an operator
 * or a Prometheus on the same host reaches it, nobody else does, whatever
 * {@code micronaut.server.host} the public port binds to. Set it to a cluster address (or
 * {@code 0.0.0.0} inside a container) only where a Prometheus scrapes over the private network.
 *
 * <p>Micronaut binds the port of {@code endpoints.all.port} to {@code micronaut.server.host},
 * the public port's address; only explicitly declared listeners can have addresses of their own.
 * So both listeners are declared here from the usual keys: the public one serves the
 * application's routes, the management one only the management endpoints (Micronaut matches an
 * endpoint route by its port, and an application route only on a listener exposing them).
 * Listeners an operator declared under {@code micronaut.server.netty.listeners} are left alone.
 * Shared by the gateway and the token-service.
 */
@Singleton
@Requires(property = "endpoints.all.port")
final class ManagementListener implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    /** The address the management port binds to. */
    static final String HOST_SETTING = "liberator.management.host";

    private final String managementHost;
    private final int managementPort;
    private final boolean sslEnabled;

    // HOST_SETTING's default, loopback, is declared once per service, in its application.yml, where
    // the keys read with @Property are declared; without it this bean cannot be made and start-up stops
    ManagementListener(@Property(name = HOST_SETTING) String managementHost,
                       @Property(name = "endpoints.all.port") int managementPort,
                       @Property(name = "micronaut.server.ssl.enabled", defaultValue = "false") boolean sslEnabled) {
        this.managementHost = managementHost;
        this.managementPort = managementPort;
        this.sslEnabled = sslEnabled;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (server.getListeners() != null) {
            return server;
        }
        if (sslEnabled) {
            // the listeners declared here are plain HTTP: TLS would silently be off on the public port
            throw new ConfigurationException("micronaut.server.ssl.enabled=true is not supported with a management"
                    + " port (endpoints.all.port): terminate TLS at the proxy in front (docs/deployment.md)");
        }
        int publicPort = server.getPort().orElse(8080);
        if (managementPort == publicPort && publicPort > 0) {
            throw new ConfigurationException("endpoints.all.port (" + managementPort + ") must differ from"
                    + " micronaut.server.port: the management port serves health and metrics without a token");
        }
        NettyListenerConfiguration application = NettyListenerConfiguration.createTcp(
                server.getHost().orElse(null), publicPort, false, null, null);
        NettyListenerConfiguration management = NettyListenerConfiguration.createTcp(
                managementHost, managementPort, false, null, null);
        management.setExposeDefaultRoutes(false);
        management.setSupportGracefulShutdown(false);
        // the public listener first: EmbeddedServer.getPort() is the first listener's port
        server.setListeners(List.of(application, management));
        return server;
    }
}
