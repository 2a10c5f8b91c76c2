package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What module-info.java promises: every API package exported, spi and memory too, internal to no one. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Crm.class.getResourceAsStream("/module-info.class")) {
            assertThat(in).as("crm-core is compiled as a module").isNotNull();
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void everyPackageButTheInternalOnesIsExportedToEveryone() throws IOException {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("io.crmkit.core");
        Set<String> packages = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.core").stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> api = packages.stream().filter(p -> !p.contains(".internal")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> exported = module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(api).contains("io.crmkit.core.spi", "io.crmkit.core.memory", "io.crmkit.core.customer");
        assertThat(exported).isEqualTo(api);
        assertThat(module.exports()).noneMatch(e -> e.source().contains(".internal"));
        assertThat(module.opens()).isEmpty();
    }

    @Test
    void theCoreNeedsOnlyWhatDesignAllows() throws IOException {
        assertThat(descriptor().requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "org.slf4j", "org.jspecify",
                        "com.google.i18n.phonenumbers.libphonenumber");
    }
}
