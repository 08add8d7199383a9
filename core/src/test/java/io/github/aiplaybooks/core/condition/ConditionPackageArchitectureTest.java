package io.github.aiplaybooks.core.condition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Keeps the condition package's public API small and its dependencies pointing down. */
class ConditionPackageArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aiplaybooks.core.condition");

  @Test
  void onlyTheIntendedTypesArePublic() {
    Set<String> publicTypes = new TreeSet<>();
    CLASSES.stream()
        .filter(c -> c.getPackageName().equals("io.github.aiplaybooks.core.condition"))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .forEach(c -> publicTypes.add(c.getName().substring(c.getPackageName().length() + 1)));

    assertThat(publicTypes)
        .containsExactlyInAnyOrder(
            "Condition",
            "ConditionException",
            "ConditionSyntaxException",
            "ConditionTypeException",
            "Identifiers",
            "JsonPointers",
            "Suggestions",
            "DurationLiteral",
            "Explanation",
            "FactSchema",
            "FactSchema$Builder",
            "FactType",
            "FactType$Kind",
            "Facts",
            "Facts$Builder",
            "Quantity",
            "Quantity$Dimension",
            "Rate",
            "TimeWindow",
            "TimeWindow$Direction",
            "Truth",
            "UnknownFactException");
  }

  @Test
  void conditionsDependOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.core.condition..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.core.policy..",
            "io.github.aiplaybooks.core.engine..",
            "io.github.aiplaybooks.mcp..")
        .check(CLASSES);
  }
}
