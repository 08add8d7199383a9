package io.github.aiplaybooks.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Module {@code playbooks-dsl} uses only the public API of {@code core} and of {@code
 * mcp-protocol}'s tool references, never their internals; the DSL and the loader do not need each
 * other; and the loader's public API stays small.
 */
class DslArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aiplaybooks");

  @Test
  void theDslReachesOnlyIntoPublicPackagesOfOtherModules() {
    classes()
        .that()
        .resideInAPackage("io.github.aiplaybooks.dsl..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks",
            "io.github.aiplaybooks.dsl..",
            "io.github.aiplaybooks.core.playbook",
            "io.github.aiplaybooks.core.condition",
            "io.github.aiplaybooks.mcp.tool",
            "tools.jackson..",
            "com.networknt.schema..",
            "java..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.dsl..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(CLASSES);
  }

  @Test
  void theDslAndTheLoaderDoNotNeedEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.dsl")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.dsl.load..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.dsl.load..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.dsl")
        .check(CLASSES);
  }

  @Test
  void onlyTheLoaderUsesTheSchemaValidator() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.dsl")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.networknt..")
        .check(CLASSES);
  }

  @Test
  void theLoadersPublicApiIsSmall() {
    Set<String> publicTypes = new TreeSet<>();
    CLASSES.stream()
        .filter(c -> c.getPackageName().equals("io.github.aiplaybooks.dsl.load"))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .forEach(c -> publicTypes.add(c.getName().substring(c.getPackageName().length() + 1)));

    assertThat(publicTypes)
        .containsExactlyInAnyOrder(
            "LoadError",
            "PlaybookFormat",
            "PlaybookLoadException",
            "PlaybookLoader",
            "PlaybookLoader$Builder",
            "PlaybookSchema",
            "PlaybookWriter",
            "SeedPlaybooks");
  }
}
