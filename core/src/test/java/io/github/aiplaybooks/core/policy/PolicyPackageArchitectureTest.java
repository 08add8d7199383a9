package io.github.aiplaybooks.core.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Keeps the policy package's public API small and its dependencies pointing down. */
class PolicyPackageArchitectureTest {
  private static final String PACKAGE = "io.github.aiplaybooks.core.policy";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(PACKAGE);

  @Test
  void onlyTheIntendedTypesArePublic() {
    Set<String> publicTypes = new TreeSet<>();
    CLASSES.stream()
        .filter(c -> c.getPackageName().equals(PACKAGE))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .forEach(c -> publicTypes.add(c.getName().substring(PACKAGE.length() + 1)));
    assertThat(publicTypes)
        .containsExactlyInAnyOrder(
            "ActionCatalog",
            "ActionCatalog$Builder",
            "ActionDefinition",
            "ActionDefinition$Builder",
            "ActionRequest",
            "ActionRequest$Builder",
            "Authorization",
            "BusinessHours",
            "BusinessHours$Builder",
            "Decision",
            "Decision$Outcome",
            "Effect",
            "EmergencyStop",
            "InMemoryRateLimitStore",
            "NanoClock",
            "Policy",
            "Policy$Builder",
            "PolicyEngine",
            "PolicyEngine$Builder",
            "PolicyException",
            "PolicyException$Problem",
            "PolicyLoader",
            "RateLimit",
            "RateLimit$Scope",
            "RateLimitReservation",
            "RateLimitStore",
            "RateLimitStore$Admission",
            "ReservationResult",
            "ReservationResult$Cause",
            "ReservationResult$Refused",
            "ReservationResult$Reserved",
            "RuleRef",
            "SlidingWindowRateLimiter",
            "SlidingWindowRateLimiter$Builder",
            "Target");
  }

  @Test
  void policiesDependOnConditionsButNotOnTheEngineOrTransports() {
    noClasses()
        .that()
        .resideInAPackage(PACKAGE + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.core.engine..",
            "io.github.aiplaybooks.mcp..",
            "io.github.aiplaybooks.cli..")
        .check(CLASSES);
  }

  @Test
  void policyCodeReadsTimeOnlyFromTheInjectedClock() {
    noClasses()
        .that()
        .resideInAPackage(PACKAGE + "..")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .check(CLASSES);
  }
}
