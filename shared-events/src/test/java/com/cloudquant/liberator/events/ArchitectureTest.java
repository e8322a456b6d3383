package com.cloudquant.liberator.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * shared-events is the contract every reader links: it must stay free of frameworks. It uses
 * the promql module (itself free of frameworks) for one thing, the scope grammar of a
 * {@code TokenIssued}, so every reader accepts exactly the same scopes.
 */
class ArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cloudquant.liberator.events");

    @Test
    void dependsOnNothingButTheJdkJacksonAndThePromqlScope() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "com.fasterxml.jackson..",
                        "com.cloudquant.liberator.events..", "com.cloudquant.liberator.promql..")
                .check(main);
    }

    @Test
    void neverWritesToStandardStreams() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(main);
    }
}
