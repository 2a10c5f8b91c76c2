package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Across the published modules and the examples: every package is {@code @NullMarked}. NullAway checks only
 * {@code @NullMarked} code, so a package without it would silently escape the null policy.
 */
class NullMarkedPackagesTest {
    @Test
    void everyPackageIsNullMarked() {
        JavaClasses all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit");
        Set<String> unmarked = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (JavaClass c : all) {
            JavaPackage p = c.getPackage();
            seen.add(p.getName());
            if (!p.isAnnotatedWith(NullMarked.class)) {
                unmarked.add(p.getName());
            }
        }
        assertThat(seen).contains("io.crmkit.core", "io.crmkit.jdbc", "io.crmkit.messaging", "io.crmkit.testkit",
                "io.crmkit.analytics.value", "io.crmkit.examples", "io.crmkit.rabbitmq",
                "io.crmkit.dedup.icu", "io.crmkit.webhooks");
        assertThat(unmarked).as("packages without @NullMarked in their package-info.java").isEmpty();
    }
}
