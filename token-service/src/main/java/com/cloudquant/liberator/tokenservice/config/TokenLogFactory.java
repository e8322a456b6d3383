package com.cloudquant.liberator.tokenservice.config;

import com.cloudquant.liberator.events.AuditChain;
import com.cloudquant.liberator.events.EventSigner;
import com.cloudquant.liberator.tokenlog.TopicCheck;
import com.cloudquant.liberator.tokenservice.command.Token;
import com.cloudquant.liberator.tokenservice.eventstore.KafkaEventStorageEngine;
import com.cloudquant.liberator.tokenservice.eventstore.SigningKeyDirectory;
import com.cloudquant.liberator.tokenservice.eventstore.TokenLogClients;
import com.cloudquant.liberator.tokenservice.eventstore.WriterProducers;
import com.cloudquant.liberator.tokenservice.query.TokenDirectory;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Wires Axon (no Spring, no Axon Server) onto the Kafka-backed storage engine, and the token
 * table the engine keeps and the directory reads (no event processor: the table is the read
 * model).
 */
@Factory
class TokenLogFactory {

    /** The transactional.id was once configurable; a setting of it left behind stops the start. */
    private static final String RETIRED_TRANSACTIONAL_ID = "liberator.kafka.transactional-id";

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    EventSigner signer(SigningSettings settings) {
        return SigningKeys.load(settings);
    }

    @Singleton
    TokenLogClients clients(KafkaSettings settings) {
        return new TokenLogClients(settings);
    }

    /** Written by the engine only (start-up replay, catch-up, its own writes); its metrics exist from the start. */
    @Singleton
    TokenTable table(Clock clock, MeterRegistry meters) {
        Counter issued = Counter.builder("liberator.tokens.issued").description("tokens issued, as recorded in the log").register(meters);
        Counter revoked = Counter.builder("liberator.tokens.revoked").description("tokens revoked, as recorded in the log").register(meters);
        TokenTable table = new TokenTable(new TokenTable.Listener() {
            @Override
            public void issued() {
                issued.increment();
            }

            @Override
            public void revoked() {
                revoked.increment();
            }
        });
        Gauge.builder("liberator.tokens.active", table, t -> t.activeCount(clock.instant()))
                .description("tokens neither revoked nor expired").register(meters);
        return table;
    }

    /** Secondary: a test registers its own to put a fault between the writer and Kafka. */
    @Singleton
    @Secondary
    WriterProducers writerProducers(TokenLogClients clients) {
        return WriterProducers.of(clients);
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaEventStorageEngine engine(TokenLogClients clients, WriterProducers producers, EventSigner signer,
                                   SigningSettings signing, MeterRegistry meters, TokenTable table) {
        Timer append = Timer.builder("liberator.token.log.append")
                .description("time to commit one audit-log transaction (issue or revoke) to Kafka")
                .publishPercentileHistogram()
                .register(meters);
        // the configured key is the genesis key every reader starts from; later keys come from the chain
        return new KafkaEventStorageEngine(clients, producers, new AuditChain(signer), signer.trustedKeys(), append::record,
                table, new SigningKeyDirectory(Path.of(signing.privateKeyFile()), signer));
    }

    @Singleton
    TokenDirectory directory(TokenTable table, Clock clock) {
        return new TokenDirectory(table, clock);
    }

    /**
     * Eager: a topic that cannot hold the log or an unreachable Kafka stops the start, naming
     * the cause. A halted log does not: the service starts on what was accepted before the
     * halt, serves reads, and refuses every write command (health says why).
     */
    @Context
    @Bean(preDestroy = "shutdown")
    Configuration axon(KafkaEventStorageEngine engine, TokenLogClients clients, Environment environment) {
        if (environment.containsProperty(RETIRED_TRANSACTIONAL_ID)) {
            throw new IllegalStateException(RETIRED_TRANSACTIONAL_ID + " is no longer read: the writer's transactional.id is"
                    + " derived from the topic (" + clients.settings().transactionalId() + "), so every instance on a topic"
                    + " fences the others; remove the setting (env LIBERATOR_KAFKA_TRANSACTIONAL_ID) and start again");
        }
        try (Admin admin = clients.admin()) {
            new TopicCheck(admin, clients.logSettings()).requireUsable();
        }
        engine.start();
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(Token.class);
        Configuration configuration = configurer.buildConfiguration();
        // before the aggregate is loaded: a command is decided on the whole log, read up to its
        // high watermark by the instance that still owns the writer role, or refused (503): a
        // revocation of a token another instance issued is never answered 404 from a stale index,
        // nor one on a halted log 404 or 200 from a log we cannot trust
        configuration.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
            engine.requireCurrent();
            return chain.proceed();
        });
        configuration.start();
        return configuration;
    }

    @Singleton
    CommandGateway commandGateway(Configuration axon) {
        return axon.commandGateway();
    }
}
