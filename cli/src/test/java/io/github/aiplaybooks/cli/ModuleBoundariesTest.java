package io.github.aiplaybooks.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Checks the boundaries between modules over every class of the project, which this module (the top
 * of the dependency graph) sees: no module reaches into another's {@code internal} package.
 */
class ModuleBoundariesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.aiplaybooks");

  @Test
  void noModuleButMcpProtocolUsesTheMcpInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.github.aiplaybooks.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.aiplaybooks.mcp.internal..")
        .check(CLASSES);
  }

  @Test
  void theImportSeesEveryModule() {
    // A rule over missing classes passes vacuously: the modules must be on the classpath.
    assertThat(CLASSES.containPackage("io.github.aiplaybooks.mcp.internal")).isTrue();
    assertThat(CLASSES.containPackage("io.github.aiplaybooks.core.condition")).isTrue();
    assertThat(CLASSES.containPackage("io.github.aiplaybooks.cli")).isTrue();
  }
}
