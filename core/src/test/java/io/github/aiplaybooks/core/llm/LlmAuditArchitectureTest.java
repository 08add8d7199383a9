package io.github.aiplaybooks.core.llm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the LLM SPI and the audit package self-contained foundations the engine builds on. */
class LlmAuditArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aiplaybooks.core.llm", "io.github.aiplaybooks.core.audit");

  @Test
  void theLlmSpiDependsOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.core.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.core.audit..",
            "io.github.aiplaybooks.core.engine..",
            "io.github.aiplaybooks.core.policy..",
            "io.github.aiplaybooks.core.playbook..",
            "io.github.aiplaybooks.core.tool..",
            "io.github.aiplaybooks.mcp..")
        .check(CLASSES);
  }

  @Test
  void theAuditPackageDependsOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("io.github.aiplaybooks.core.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.aiplaybooks.core.llm..",
            "io.github.aiplaybooks.core.engine..",
            "io.github.aiplaybooks.core.policy..",
            "io.github.aiplaybooks.core.playbook..",
            "io.github.aiplaybooks.core.tool..",
            "io.github.aiplaybooks.mcp..")
        .check(CLASSES);
  }

  @Test
  void neitherReadsTheSystemClock() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .check(CLASSES);
  }
}
