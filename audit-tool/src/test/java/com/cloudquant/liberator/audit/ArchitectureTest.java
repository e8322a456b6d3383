package com.cloudquant.liberator.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.cloudquant.liberator.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Output goes through picocli's writers, so tests capture it and stdout stays clean for --json. */
    @ArchTest
    static final ArchRule nothingWritesToSystemOutOrErr = noClasses()
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err");

    /** Only the source package talks to Kafka: verification works on any record source. */
    @ArchTest
    static final ArchRule onlyTheSourceTouchesKafka = noClasses()
            .that().resideOutsideOfPackage("..audit.source..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");

    /** Only the source package reads the log: everything else works on the batches it hands over. */
    @ArchTest
    static final ArchRule onlyTheSourceReadsTheTokenLog = noClasses()
            .that().resideOutsideOfPackage("..audit.source..")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.cloudquant.liberator.tokenlog.LogReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudquant.liberator.tokenlog.CommittedRecords")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudquant.liberator.tokenlog.LogEnds")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.cloudquant.liberator.tokenlog.TokenLogTail");

    /** Checking and counting never depend on the command line. */
    @ArchTest
    static final ArchRule coreDoesNotDependOnTheCli = noClasses()
            .that().resideInAnyPackage("..audit.verify..", "..audit.ledger..", "..audit.export..", "..audit.source..")
            .should().dependOnClassesThat().resideInAPackage("..audit.cli..");

    /** The tool never signs: it holds public keys only. */
    @ArchTest
    static final ArchRule theToolNeverSigns = noClasses()
            .should().dependOnClassesThat().haveSimpleName("EventSigner")
            .orShould().dependOnClassesThat().haveSimpleName("AuditChain");
}
