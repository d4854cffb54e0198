package dev.opsuite.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.opsuite.devstack.test.arch.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's package rules hold here, plus the shape of this service: which package may use which,
 * so the step contract stays a contract and dependencies keep pointing from the API down to the
 * domain.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.opsuite.deployment";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void packagesFollowTheSuitesRules() {
        ArchitectureRules.assertHold(ROOT);
    }

    @Test
    void stepContractKnowsOnlyTheDomain() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".steps..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".api..",
                        ROOT + ".lifecycle..",
                        ROOT + ".runner..",
                        ROOT + ".transitions..",
                        ROOT + ".modes..",
                        ROOT + ".process..",
                        ROOT + ".apps..",
                        ROOT + ".webhooks..",
                        ROOT + ".events..",
                        ROOT + ".health..")
                .because("modes and process code implement steps against the contract, the runner executes them")
                .check(classes);
    }

    @Test
    void onlyTheAppRegistryUsesHibernateAndItUsesNothingElse() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".apps..", ROOT + ".events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.hibernate..", "io.quarkus.hibernate..", "jakarta.persistence..")
                .because("entity CRUD (the app registry) is the Panache path; deployments, steps, logs and "
                        + "webhooks are hot paths on the PG client")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".apps..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "dev.opsuite.common.persistence..")
                .because("one stack per table: the apps table is Panache's")
                .check(classes);
    }

    @Test
    void eachPackageIsUsedOnlyFromAbove() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("api")
                .definedBy(ROOT + ".api..")
                .layer("lifecycle")
                .definedBy(ROOT + ".lifecycle..")
                .layer("health")
                .definedBy(ROOT + ".health..")
                .layer("runner")
                .definedBy(ROOT + ".runner..")
                .layer("transitions")
                .definedBy(ROOT + ".transitions..")
                .layer("modes")
                .definedBy(ROOT + ".modes..")
                .layer("webhooks")
                .definedBy(ROOT + ".webhooks..")
                .layer("apps")
                .definedBy(ROOT + ".apps..")
                .layer("events")
                .definedBy(ROOT + ".events..")
                .layer("process")
                .definedBy(ROOT + ".process..")
                .layer("steps")
                .definedBy(ROOT + ".steps..")
                .layer("domain")
                .definedBy(ROOT + ".domain..")
                .whereLayer("api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("lifecycle")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("health")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("runner")
                .mayOnlyBeAccessedByLayers("api", "lifecycle")
                .whereLayer("transitions")
                .mayOnlyBeAccessedByLayers("lifecycle", "runner")
                .whereLayer("modes")
                .mayOnlyBeAccessedByLayers("api", "lifecycle", "runner", "health")
                .whereLayer("webhooks")
                .mayOnlyBeAccessedByLayers("api", "transitions")
                .whereLayer("apps")
                .mayOnlyBeAccessedByLayers("api", "lifecycle", "runner", "webhooks")
                .whereLayer("events")
                .mayOnlyBeAccessedByLayers("lifecycle", "transitions", "apps")
                .whereLayer("process")
                .mayOnlyBeAccessedByLayers("lifecycle", "runner", "transitions", "modes", "apps")
                .whereLayer("steps")
                .mayOnlyBeAccessedByLayers("runner", "modes", "process")
                .check(classes);
    }
}
