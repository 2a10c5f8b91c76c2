package io.crmkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Across the published modules: hosts and crmkit's own modules above the core (analytics, messaging, the
 * examples) reach data only through the services of a Crm, never through the storage port, so what the
 * services enforce cannot be bypassed. Storage adapters (crm-jdbc) and the testkit implement the port.
 */
class ModuleBoundariesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmkit");

    private static final DescribedPredicate<JavaClass> STORAGE_PORT = new DescribedPredicate<>("the storage port") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().startsWith("io.crmkit.core")
                    && (c.getPackageName().equals("io.crmkit.core.spi") && !c.getSimpleName().equals("CrmStorage")
                    || c.isInterface() && c.getSimpleName().endsWith("Repository"));
        }
    };

    @Test
    void onlyTheCoreTheStorageAdaptersAndTheTestkitReachTheStoragePort() {
        noClasses().that().resideOutsideOfPackages("io.crmkit.core..", "io.crmkit.jdbc..", "io.crmkit.testkit..",
                        "io.crmkit.bench..")
                .should().dependOnClassesThat(STORAGE_PORT)
                .because("every other module reads and writes through the services of a Crm")
                .check(ALL);
    }

    @Test
    void everyPublishedModuleExportsItsApiAndRequiresTheCoreTransitively() throws URISyntaxException {
        // crm-jdbc and crm-analytics need Flyway and commons-math3, which have no module names of their own: they
        // ship as automatic modules (io.crmkit.jdbc, io.crmkit.analytics) until those libraries name theirs
        for (Class<?> anchor : List.of(io.crmkit.messaging.SmtpEmailChannel.class, io.crmkit.testkit.TestData.class,
                io.crmkit.rabbitmq.RabbitEventSink.class, io.crmkit.webhooks.OkHttpWebhookTransport.class)) {
            ModuleDescriptor module = descriptorOf(anchor);
            assertThat(module.name()).startsWith("io.crmkit.");
            assertThat(module.exports()).as(module.name()).isNotEmpty()
                    .noneMatch(e -> e.source().contains(".internal"))
                    .anyMatch(e -> e.source().equals(anchor.getPackageName()));
            assertThat(module.requires()).as(module.name())
                    .anyMatch(r -> r.name().equals("io.crmkit.core") && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
        }
    }

    /** The descriptor compiled into the jar or classes directory {@code anchor} was loaded from. */
    private static ModuleDescriptor descriptorOf(Class<?> anchor) throws URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertThat(found).as(location + " holds one module").hasSize(1);
        ModuleDescriptor module = found.iterator().next().descriptor();
        assertThat(module.isAutomatic()).as(location + " has a module-info").isFalse();
        return module;
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        noClasses().that().resideOutsideOfPackage("io.crmkit.core..")
                .should().dependOnClassesThat().resideInAPackage("io.crmkit.core.internal..")
                .check(ALL);
        noClasses().that().resideOutsideOfPackage("io.crmkit.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("io.crmkit.jdbc.internal..")
                .check(ALL);
        noClasses().that().resideOutsideOfPackage("io.crmkit.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.crmkit.messaging.internal..")
                .check(ALL);
        noClasses().that().resideOutsideOfPackage("io.crmkit.analytics..")
                .should().dependOnClassesThat().resideInAPackage("io.crmkit.analytics.internal..")
                .check(ALL);
    }

    @Test
    void theImportSeesEveryPublishedModule() {
        assertThat(ALL.containPackage("io.crmkit.core.internal")).isTrue();
        assertThat(ALL.containPackage("io.crmkit.jdbc")).isTrue();
        assertThat(ALL.containPackage("io.crmkit.messaging")).isTrue();
        assertThat(ALL.containPackage("io.crmkit.analytics.satisfaction")).isTrue();
        assertThat(ALL.containPackage("io.crmkit.dedup.icu")).isTrue();
        assertThat(ALL.containPackage("io.crmkit.webhooks")).isTrue();
        assertThat(ALL.that(STORAGE_PORT)).isNotEmpty();
    }
}
