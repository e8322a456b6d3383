package com.cloudquant.liberator.tokenservice;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.cloudquant.liberator.events.BearerToken;
import com.cloudquant.liberator.events.ChainVerifier;
import com.cloudquant.liberator.events.RunVerifier;
import com.cloudquant.liberator.events.TokenIssued;
import com.cloudquant.liberator.events.TokenRevoked;
import com.cloudquant.liberator.tokenlog.ChainHalt;
import com.cloudquant.liberator.tokenservice.command.TokenIssuance;
import com.cloudquant.liberator.tokenservice.table.TokenTable;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.cloudquant.liberator.tokenservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String TOKEN_LOG = "com.cloudquant.liberator.tokenlog..";

    /** The HTTP side maps token-log's refusals to responses, but never reads the log itself. */
    @ArchTest
    static final ArchRule webNeverTouchesKafka = noClasses().that()
            .resideInAnyPackage("..tokenservice.web..", "..tokenservice.page..", "..tokenservice.monitoring..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
            .orShould().dependOnClassesThat(resideInAPackage(TOKEN_LOG)
                    .and(not(assignableTo(RuntimeException.class)))
                    .and(not(type(ChainHalt.class))));

    @ArchTest
    static final ArchRule theAggregateOnlyDecidesAndApplies = noClasses().that().resideInAPackage("..tokenservice.command..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut.http..",
                    "..tokenservice.web..", "..tokenservice.eventstore..", TOKEN_LOG);

    /**
     * token-log's LogReader is the one consumer of the topic: no second way of reading it here.
     * The writer's ownership probe names a consumer group and an offset in its transaction
     * ({@code sendOffsetsToTransaction}); those two value types read nothing.
     */
    @ArchTest
    static final ArchRule theLogIsReadOnlyThroughTokenLog = noClasses()
            .should().dependOnClassesThat(resideInAPackage("org.apache.kafka.clients.consumer..")
                    .and(not(type(org.apache.kafka.clients.consumer.ConsumerGroupMetadata.class)))
                    .and(not(type(org.apache.kafka.clients.consumer.OffsetAndMetadata.class))));

    /** One break policy: token-log's ChainFollower decides what the service applies, not a verifier of its own. */
    @ArchTest
    static final ArchRule theServiceFollowsTheChainOnlyWithTokenLog = noClasses()
            .should().dependOnClassesThat(type(RunVerifier.class));

    /**
     * Nothing in the service checks every signature: the audit endpoint uses token-log's
     * ChainCheck (one signature per run, cached per log end); a per-record check is the audit tool's job.
     */
    @ArchTest
    static final ArchRule nothingInTheServiceChecksEverySignature = noClasses()
            .should().dependOnClassesThat(type(ChainVerifier.class));

    @ArchTest
    static final ArchRule onlyTheEventStoreWrites = noClasses().that().resideOutsideOfPackage("..tokenservice.eventstore..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients.producer..");

    /** The listing reads the token table; only the storage engine reads the log into it. */
    @ArchTest
    static final ArchRule theQuerySideDoesNotReachIntoTheEventStore = noClasses()
            .that().resideInAnyPackage("..tokenservice.query..", "..tokenservice.table..")
            .should().dependOnClassesThat().resideInAnyPackage("..tokenservice.eventstore..", "..tokenservice.web..",
                    "..tokenservice.command..", "org.apache.kafka..", "org.axonframework..", TOKEN_LOG);

    /** One writer: what the table records is what token-log's fold decided, as the storage engine applies it. */
    @ArchTest
    static final ArchRule onlyTheEventStoreWritesTheTokenTable = noClasses()
            .that().resideOutsideOfPackages("..tokenservice.eventstore..", "..tokenservice.table..")
            .should().callMethod(TokenTable.class, "issued", TokenIssued.class, long.class)
            .orShould().callMethod(TokenTable.class, "revoked", TokenRevoked.class, long.class);

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err");

    /**
     * A token's secret leaves the service once, in the answer to its issue: only the issuance
     * reveals it, so no log line, event, listing or error can carry it by way of another caller.
     * (That nothing here depends on the gateway is the module graph's rule: it is not on the classpath.)
     */
    @ArchTest
    static final ArchRule onlyTheIssueAnswerRevealsATokenSecret = noClasses()
            .that().doNotHaveFullyQualifiedName(TokenIssuance.class.getName())
            .should().callMethod(BearerToken.class, "reveal");
}
