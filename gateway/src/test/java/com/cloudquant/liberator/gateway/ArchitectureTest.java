package com.cloudquant.liberator.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.cloudquant.liberator.events.BearerToken;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

@AnalyzeClasses(packages = "com.cloudquant.liberator.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The gateway judges a presented token by its SHA-256 and shows only its hint: nothing here
     * needs the secret as a string, so nothing can log it, count it or send it upstream by way of it.
     * (That the gateway never depends on the token-service is the module graph's rule: it is not
     * on the gateway's classpath.)
     */
    @ArchTest
    static final ArchRule theGatewayNeverRevealsATokenSecret = noClasses()
            .should().callMethod(BearerToken.class, "reveal");

    @ArchTest
    static final ArchRule noSystemOutOrErr = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    /** Reading, verifying and folding the log is written once, in token-log: the gateway never holds a Kafka client. */
    @ArchTest
    static final ArchRule onlyTokenLogTouchesKafka = noClasses()
            .that().resideInAPackage("com.cloudquant.liberator.gateway..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule requestPathNeverReadsTheLogItself = noClasses()
            .that().resideInAnyPackage("..gateway.proxy..", "..gateway.security..", "..gateway.route..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("TokenLogTail")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("LogReader");

    @ArchTest
    static final ArchRule projectionKnowsNothingOfHttp = noClasses()
            .that().resideInAPackage("..gateway.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.proxy..", "..gateway.route..");
}
