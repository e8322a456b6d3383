package com.cloudquant.liberator.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

@AnalyzeClasses(packages = "com.cloudquant.liberator.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule gatewayNeverDependsOnTheTokenService = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.cloudquant.liberator.tokenservice..");

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
