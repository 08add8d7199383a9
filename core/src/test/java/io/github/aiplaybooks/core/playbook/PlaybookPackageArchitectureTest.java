package io.github.aiplaybooks.core.playbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
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

  /**
   * The public types of the model, each for a reason; a new one is a deliberate choice. The
   * validator, cron parsing, name rules, condition binding, variable uses and the catalog adapter
   * stay package-private.
   */
  @Test
  void thePublicTypesAreExactlyThoseAPlaybookIsMadeOfOrItsUsersCall() {
    Set<String> publicTypes = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      if (c.getPackageName().equals("io.github.aiplaybooks.core.playbook")
          && c.isTopLevelClass()
          && c.getModifiers().contains(JavaModifier.PUBLIC)) {
        publicTypes.add(c.getSimpleName());
      }
    }

    assertThat(publicTypes)
        .containsExactlyInAnyOrder(
            // The playbook, its steps and problems.
            "Playbook",
            "Step",
            "PlaybookProblem",
            "InvalidPlaybookException",
            // The parameters of each kind of step: the DSL builds them, the engine reads them.
            "StepSpec",
            "LlmSpec",
            "ReceiveSpec",
            "HealthCheckSpec",
            "CollectSpec",
            "ReasonSpec",
            "ForecastSpec",
            "PlanSpec",
            "AssessSpec",
            "CompareSpec",
            "DecideSpec",
            "ApproveSpec",
            "ExecuteSpec",
            "VerifySpec",
            "ReportSpec",
            "NotifySpec",
            "CustomSpec",
            "ConditionGroup",
            "DetectionPattern",
            "Opportunity",
            // Triggers and schedules.
            "Trigger",
            "AlertTrigger",
            "ScheduleTrigger",
            "HealthCheckTrigger",
            "ManualTrigger",
            "Schedule",
            "ScheduleException",
            // Routing without the model.
            "Routing",
            "Route",
            "RouteMatch",
            "RoutingRule",
            // Templates.
            "Template",
            "TemplateException",
            // What a step may read, and where it comes from.
            "StandardFacts",
            "Scope",
            "FactOrigin",
            // The SPI for users' actions and catalogs.
            "StepKind",
            "StepKindRegistry",
            "StepKindException",
            "KnownActions");
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
