package dev.opsuite.automation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: api → feature services → domain; nothing imports upwards. */
class LayeringTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.opsuite.automation");

    @Test
    void nothingOutsideTheApiDependsOnTheApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.opsuite.automation.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.opsuite.automation.api..")
                .check(CLASSES);
    }

    @Test
    void theDomainDependsOnNoFeaturePackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.opsuite.automation.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.opsuite.automation.ssh..",
                        "dev.opsuite.automation.ansible..",
                        "dev.opsuite.automation.scripts..",
                        "dev.opsuite.automation.workflow..",
                        "dev.opsuite.automation.task..",
                        "dev.opsuite.automation.inventory..",
                        "dev.opsuite.automation.schedule..",
                        "dev.opsuite.automation.notify..",
                        "dev.opsuite.automation.audit..",
                        "dev.opsuite.automation.events..",
                        "dev.opsuite.automation.recovery..",
                        "dev.opsuite.automation.relaunch..")
                .check(CLASSES);
    }

    @Test
    void resourcesNeverTouchTheDatabaseClients() {
        noClasses()
                .that()
                .resideInAPackage("dev.opsuite.automation.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..", "java.sql..")
                .check(CLASSES);
    }
}
