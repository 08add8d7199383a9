package io.github.aiplaybooks.core.playbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the playbook model's dependencies pointing down and its errors typed. */
class PlaybookPackageArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aiplaybooks");

  @Test
  void theModelDependsOnlyOnConditionsTheActionCatalogToolReferencesJacksonAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.github.aiplaybooks.core.playbook..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks",
            "io.github.aiplaybooks.core.playbook..",
            "io.github.aiplaybooks.core.condition",
            "io.github.aiplaybooks.core.policy",
            "io.github.aiplaybooks.mcp.tool",
            "tools.jackson.databind..",
            "java..")
        .check(CLASSES);
  }

  @Test
  void nothingBelowTheModelDependsOnIt() {
    noClasses()
        .that()
        .resideInAnyPackage("io.github.aiplaybooks.core.condition..", "io.github.aiplaybooks.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.core.playbook..")
        .check(CLASSES);
  }

  @Test
  void everyExceptionTheModelThrowsOnPurposeIsACallerFault() {
    classes()
        .that()
        .resideInAPackage("io.github.aiplaybooks.core.playbook..")
        .and()
        .areAssignableTo(Exception.class)
        .should()
        .beAssignableTo(io.github.aiplaybooks.CallerFaultException.class)
        .check(CLASSES);
  }
}
