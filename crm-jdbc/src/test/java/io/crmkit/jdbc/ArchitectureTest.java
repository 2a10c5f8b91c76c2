package io.crmkit.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crm-jdbc's package layout: one package per feature as in crm-core, each depending only on the shared
 * {@code internal.sql}; the engine in {@code internal} wires them. A rule over an empty package fails, so
 * a feature package that disappears fails here too.
 */
class ArchitectureTest {
    private static final JavaClasses JDBC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmkit.jdbc");
    private static final String INTERNAL = "io.crmkit.jdbc.internal";
    private static final List<String> FEATURES = List.of("customer", "interaction", "requirement", "task",
            "satisfaction", "commerce", "messaging", "security", "audit", "service", "sales", "marketing", "event",
            "document", "dedup", "notification", "project", "policy", "webhook");

    @Test
    void aFeaturePackageDependsOnNoOtherFeatureNorOnTheEngine() {
        for (String feature : FEATURES) {
            String[] others = Stream.concat(FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> INTERNAL + "." + f),
                    Stream.of(INTERNAL, "io.crmkit.jdbc")).toArray(String[]::new);
            noClasses().that().resideInAPackage(INTERNAL + "." + feature)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(JDBC);
        }
    }

    @Test
    void theSharedSqlPackageDependsOnNoFeature() {
        noClasses().that().resideInAPackage(INTERNAL + ".sql")
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(FEATURES.stream().map(f -> INTERNAL + "." + f),
                        Stream.of(INTERNAL, "io.crmkit.jdbc")).toArray(String[]::new))
                .check(JDBC);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.crmkit.jdbc.(**)").should().beFreeOfCycles().check(JDBC);
    }
}
