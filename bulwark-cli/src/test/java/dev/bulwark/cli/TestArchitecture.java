package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module dependencies point one way: engines, sources and sinks depend on core; only the CLI composes them. */
class TestArchitecture {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark");

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.bulwark.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..",
                        "dev.bulwark.iam..", "dev.bulwark.report..", "dev.bulwark.detect..", "dev.bulwark.secrets..",
                        "dev.bulwark.cli..")
                .check(CLASSES);
    }

    @Test
    void secretsEngineDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.bulwark.secrets..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..",
                        "dev.bulwark.iam..", "dev.bulwark.report..", "dev.bulwark.detect..", "dev.bulwark.cli..")
                .check(CLASSES);
    }

    @Test
    void identityEngineDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.bulwark.iam..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..",
                        "dev.bulwark.report..", "dev.bulwark.cli..")
                .check(CLASSES);
    }

    /** Detection is an engine on core: it must run unchanged inside a stream job (no scan pipeline, no sinks of scan). */
    @Test
    void detectionDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.bulwark.detect..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..",
                        "dev.bulwark.iam..", "dev.bulwark.report..", "dev.bulwark.cli..")
                .check(CLASSES);
    }

    /** The Sigma and correlation engines do no I/O: files and sockets stay with the readers, loaders and sinks. */
    @Test
    void detectionEnginesDoNoIo() {
        noClasses().that().resideInAnyPackage("dev.bulwark.detect.correlation..", "dev.bulwark.detect.event..")
                .or().haveFullyQualifiedName("dev.bulwark.detect.sigma.SigmaEngine")
                .or().haveFullyQualifiedName("dev.bulwark.detect.Detector")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .check(CLASSES);
    }

    @Test
    void adaptersDependOnlyOnCore() {
        noClasses().that().resideInAnyPackage("dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.iam..", "dev.bulwark.report..", "dev.bulwark.cli..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.bulwark.kubernetes..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.docker..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.bulwark.docker..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.kubernetes..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.bulwark.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.kubernetes..", "dev.bulwark.docker..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.bulwark.kubernetes..", "dev.bulwark.docker..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.aws..")
                .check(CLASSES);
    }

    /** The rule engine may use the IAM engine (an engine on core) for its CEL functions, and only there. */
    @Test
    void ruleEngineReachesTheIdentityEngineOnlyThroughItsIamFunctions() {
        noClasses().that().resideInAPackage("dev.bulwark.rules..").and().resideOutsideOfPackage("dev.bulwark.rules.iam..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.iam..")
                .check(CLASSES);
    }

    @Test
    void ruleEngineKnowsNoAdapterAndNoSink() {
        noClasses().that().resideInAPackage("dev.bulwark.rules..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..", "dev.bulwark.report..",
                        "dev.bulwark.cli..")
                .check(CLASSES);
    }

    @Test
    void sinksDependOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.bulwark.report..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bulwark.rules..", "dev.bulwark.kubernetes..", "dev.bulwark.docker..", "dev.bulwark.aws..",
                        "dev.bulwark.iam..",
                        "dev.bulwark.cli..")
                .check(CLASSES);
    }

    @Test
    void nothingImportsTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.bulwark.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.cli..")
                .check(CLASSES);
    }
}
