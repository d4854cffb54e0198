package dev.opsuite.devstack.test.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The suite's package rules (ARCHITECTURE.md §1, §2, §8) as ArchUnit rules, so every service's
 * test suite checks the same ones and a new service inherits them:
 *
 * <ul>
 *   <li>no cycles between the service's packages;
 *   <li>dependencies point one way: nothing but the {@code api} package imports {@code api}, and
 *       {@code domain} imports no other package of the service;
 *   <li>REST resources never run SQL (no JDBC, reactive SQL client, Hibernate or Panache in a
 *       {@code @Path} class);
 *   <li>a service never imports another service's code (only common-lib's).
 * </ul>
 *
 * <pre>
 * &#64;Test
 * void packagesFollowTheSuitesRules() {
 *     ArchitectureRules.assertHold("dev.opsuite.telemetry");
 * }
 * </pre>
 */
public final class ArchitectureRules {
    private static final Map<String, String> SERVICES = Map.of(
            "dev.opsuite.telemetry", "telemetry-service",
            "dev.opsuite.deployment", "deployment-service",
            "dev.opsuite.l10n", "l10n-sync-service",
            "dev.opsuite.gateway", "pve-gateway",
            "dev.opsuite.automation", "automation-service");

    private static final String[] SQL = {
        "java.sql..",
        "javax.sql..",
        "io.vertx.sqlclient..",
        "io.vertx.mutiny.sqlclient..",
        "io.vertx.pgclient..",
        "io.vertx.mutiny.pgclient..",
        "org.hibernate..",
        "io.quarkus.hibernate..",
        "jakarta.persistence.."
    };

    private ArchitectureRules() {}

    /** The rules for the service whose root package is {@code root} (e.g. {@code dev.opsuite.telemetry}). */
    public static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("packages of " + root + " are free of cycles"));
        rules.add(noClasses()
                .that()
                .resideOutsideOfPackage(root + ".api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".api..")
                .allowEmptyShould(true)
                .as("only the api package imports the api package (no upward imports)"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage(root + "..").and(not(resideInAnyPackage(root + ".domain..", root))))
                .allowEmptyShould(true)
                .as("domain imports no other package of the service"));
        rules.add(noClasses()
                .that()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SQL)
                .allowEmptyShould(true)
                .as("REST resources never run SQL: they call services"));
        String[] others = SERVICES.keySet().stream()
                .filter(p -> !p.equals(root))
                .map(p -> p + "..")
                .toArray(String[]::new);
        rules.add(noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .as("a service never imports another service's code"));
        return rules;
    }

    /** Imports the service's main classes and fails with every violation of every rule. */
    public static void assertHold(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + root);
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules(root)) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }
}
