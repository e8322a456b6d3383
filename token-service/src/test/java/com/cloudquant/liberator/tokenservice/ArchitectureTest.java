package com.cloudquant.liberator.tokenservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.cloudquant.liberator.tokenservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule webNeverTouchesKafka = noClasses().that()
            .resideInAnyPackage("..tokenservice.web..", "..tokenservice.page..", "..tokenservice.monitoring..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule theAggregateOnlyDecidesAndApplies = noClasses().that().resideInAPackage("..tokenservice.command..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut.http..",
                    "..tokenservice.web..", "..tokenservice.eventstore..");

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err");

    @ArchTest
    static final ArchRule nothingDependsOnTheGateway = noClasses().should().dependOnClassesThat()
            .resideInAPackage("com.cloudquant.liberator.gateway..");
}
