package io.crmkit.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The shape DESIGN.md promises: no infrastructure in the core, no cycles between features, no leaked internals. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmkit.core");

    @Test
    void theImportSeesTheWholeCore() {
        assertThat(CORE.contain(Crm.class)).isTrue();
        assertThat(CORE.contain(io.crmkit.core.memory.InMemoryStorage.class)).isTrue();
        assertThat(CORE.contain(MutableClock.class)).as("test classes are left out").isFalse();
    }

    @Test
    void theCoreDependsOnNoInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..", "org.flywaydb..", "jakarta.mail..",
                        "org.eclipse.angus..", "okhttp3..", "org.apache.commons.math3..", "org.apache.commons..",
                        "com.ibm.icu..")
                .because("crm-core depends on slf4j-api, libphonenumber and jspecify only (DESIGN.md)")
                .check(CORE);
    }

    @Test
    void theCoreDependsOnTheJdkAndTheThreeAllowedLibrariesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.crmkit.core..", "org.slf4j..",
                        "com.google.i18n.phonenumbers..", "org.jspecify..", "javax.crypto..") // the JDK's HMAC: webhook signatures
                .because("crm-core depends on slf4j-api, libphonenumber and jspecify only (DESIGN.md); name matching"
                        + " on ICU4J lives in crm-dedup-icu")
                .check(CORE);
    }

    @Test
    void libphonenumberStaysBehindPhoneNumber() {
        noClasses().that().doNotBelongToAnyOf(io.crmkit.core.customer.PhoneNumber.class)
                .should().dependOnClassesThat().resideInAPackage("com.google.i18n.phonenumbers..")
                .because("adapters keep their library types out of public signatures (DESIGN.md)")
                .check(CORE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        // io.crmkit.core itself is the facade and kernel and may reference every feature; it is not a slice
        JavaClasses features = CORE.that(not(resideInAPackage("io.crmkit.core")));
        slices().matching("io.crmkit.core.(**)").should().beFreeOfCycles().check(features);
    }

    @Test
    void workingCalendarsStandOnTheKernelAlone() {
        classes().that().resideInAPackage("io.crmkit.core.calendar..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.crmkit.core", "io.crmkit.core.calendar..",
                        "java..", "org.jspecify..")
                .because("SLA clocks and staleness rules of any feature use the calendars, so they know no feature")
                .check(CORE);
        assertThat(CORE.get(io.crmkit.core.calendar.DateOverrides.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(Checks.class));
    }

    @Test
    void theSlicedFeaturesDoDependOnEachOther() {
        // guards the cycle rule against slicing nothing: feature packages do reference each other
        JavaClasses features = CORE.that(not(resideInAPackage("io.crmkit.core")));
        assertThat(features.get(io.crmkit.core.task.Task.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getPackageName().equals("io.crmkit.core.requirement"));
    }

    /** The storage ports a unit of work hands out: reaching them skips what the services enforce. */
    static final DescribedPredicate<JavaClass> REPOSITORY_PORTS = new DescribedPredicate<>("repository ports") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().startsWith("io.crmkit.core")
                    && (c.isEquivalentTo(io.crmkit.core.spi.Repositories.class)
                    || c.isEquivalentTo(io.crmkit.core.spi.UnitOfWork.class)
                    || (c.isInterface() && c.getSimpleName().endsWith("Repository")));
        }
    };

    @Test
    void onlyTheServicesAndTheStorageAdaptersReachTheRepositories() {
        noClasses().that().resideOutsideOfPackages("io.crmkit.core.internal..", "io.crmkit.core.memory..",
                        "io.crmkit.core.spi..")
                .and(not(REPOSITORY_PORTS))
                .should().dependOnClassesThat(REPOSITORY_PORTS)
                .because("access control, audit and encryption sit in the services, between callers and the storage")
                .check(CORE);
    }

    @Test
    void theRepositoryRuleSeesTheRepositories() {
        // guards the rule above against matching nothing
        assertThat(CORE.that(REPOSITORY_PORTS)).extracting(JavaClass::getSimpleName)
                .contains("Repositories", "UnitOfWork", "CustomerRepository", "OutboxRepository");
        assertThat(CORE.get(io.crmkit.core.internal.Engine.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> REPOSITORY_PORTS.test(d.getTargetClass()));
    }

    @Test
    void featureImplementationsLiveInTheirFeaturesInternalPackage() {
        classes().that().resideInAPackage("io.crmkit.core.internal..").and().haveSimpleNameStartingWith("Transactional")
                .should(new ArchCondition<>("sit in internal.<the feature of the service they implement>") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (JavaClass service : type.getAllRawInterfaces()) {
                            String feature = service.getPackageName().substring("io.crmkit.core.".length());
                            boolean ok = type.getPackageName().equals("io.crmkit.core.internal." + feature);
                            events.add(new SimpleConditionEvent(type, ok,
                                    type.getName() + " implements " + service.getName()));
                        }
                    }
                })
                .check(CORE);
    }

    @Test
    void publicApiExposesNoInternalType() {
        classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(exposeNoInternalTypes())
                .check(CORE);
    }

    /** A public type that leaks an internal one, to prove the rule above can fail. */
    public static final class Leaky {
        public io.crmkit.core.internal.Engine engine() {
            throw new UnsupportedOperationException();
        }

        public java.util.List<io.crmkit.core.internal.importing.KeySet> keys() {
            return java.util.List.of();
        }
    }

    @Test
    void theExposureRuleCatchesALeak() {
        JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);
        var result = classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(exposeNoInternalTypes())
                .evaluate(leaky);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("engine()") && d.contains("Engine"))
                .anyMatch(d -> d.contains("keys()") && d.contains("KeySet"));
    }

    private static ArchCondition<JavaClass> exposeNoInternalTypes() {
        return new ArchCondition<>("expose no type of an ..internal.. package in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaMember member : type.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    for (JavaClass used : signatureTypes(member)) {
                        if (used.getPackageName().contains(".internal")) {
                            events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " exposes " + used.getName()));
                        }
                    }
                }
            }
        };
    }

    private static Set<JavaClass> signatureTypes(JavaMember member) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaField field) {
            types.add(field.getType());
        } else if (member instanceof JavaCodeUnit code) {
            types.add(code.getReturnType());
            types.addAll(code.getParameterTypes());
        }
        Set<JavaClass> raw = new java.util.HashSet<>();
        types.forEach(t -> raw.addAll(t.getAllInvolvedRawTypes()));
        return raw;
    }
}
