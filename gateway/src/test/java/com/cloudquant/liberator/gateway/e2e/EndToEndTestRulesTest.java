package com.cloudquant.liberator.gateway.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules for the end-to-end tests themselves: the time bound of an await is what a replica is
 * given to answer, so the test's own one-off work must not count against it.
 */
@AnalyzeClasses(packages = "com.cloudquant.liberator.gateway.e2e", importOptions = ImportOption.OnlyIncludeTests.class)
class EndToEndTestRulesTest {

    /**
     * AssertJ's soft assertions generate a proxy class (ByteBuddy) for each assertion type the first
     * time a JVM uses it. Inside an await that cost a replica its 5 s to report a chain halt: on a
     * loaded 2-core machine the first poll spent over 5 s of wall time in class generation before it
     * asked the replica anything, so whichever test of the run used them first failed. Plain
     * assertions on values read first (a list of statuses, say) report as much and cost nothing.
     */
    @ArchTest
    static final ArchRule awaitedConditionsUsePlainAssertions = noClasses()
            .should().dependOnClassesThat().haveNameMatching("org\\.assertj\\.core\\.api\\..*Soft.*")
            .because("their first use in a JVM generates classes, which an await's bound counts against the replica");
}
