package io.github.aiplaybooks.core.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's packages honest: time only from the injected clock, no common pool, and the
 * dependencies pointing down (policy and conditions never reach up into the engine).
 */
class EnginePackagesArchitectureTest {
  private static final String CORE = "io.github.aiplaybooks.core";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(CORE);

  private static java.util.Set<String> publicTypes(String pkg) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    CLASSES.stream()
        .filter(c -> c.getPackageName().equals(CORE + "." + pkg))
        .filter(
            c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
        .forEach(c -> out.add(c.getName().substring(CORE.length() + pkg.length() + 2)));
    return out;
  }

  @Test
  void onlyTheIntendedTypesArePublic() {
    org.assertj.core.api.Assertions.assertThat(publicTypes("engine"))
        .containsExactlyInAnyOrder(
            "Budgets",
            "FileEmergencyStop",
            "InMemoryEmergencyStop",
            "Notification",
            "Notification$Kind",
            "Notifier",
            "PlaybookEngine",
            "PlaybookEngine$Builder",
            "RunListener",
            "RunRejectedException",
            "RunResult",
            "RunState",
            "RunState$ActionRecord",
            "RunState$Evidence",
            "RunState$JournalEntry",
            "RunState$NotificationRecord",
            "RunState$Proposal",
            "RunState$ProposalStatus",
            "RunState$RollbackRecord",
            "RunState$RouteRecord",
            "RunState$Source",
            "RunState$TimelineEntry",
            "RunState$Usage",
            "RunState$VerificationRecord",
            "RunStatus",
            "Scheduler",
            "Scheduler$Cancellable",
            "StepContext",
            "StepHandler",
            "StepOutcome",
            "StepResult",
            "StepStatus",
            "TriggerEvent");
    org.assertj.core.api.Assertions.assertThat(publicTypes("tool"))
        .containsExactlyInAnyOrder(
            "ActionAdapter",
            "ActionDecision",
            "ActionOutcome",
            "ApprovalRules",
            "ApprovalRules$Builder",
            "Execution",
            "Execution$Status",
            "ExecutionMode",
            "FactQuery",
            "FactQuery$ReadOnlyTools",
            "FactSource",
            "FactsJson",
            "IdempotencyStore",
            "IdempotencyStore$Claim",
            "IdempotencyStore$State",
            "InMemoryIdempotencyStore",
            "McpToolProvider",
            "McpToolProvider$Builder",
            "MutationGate",
            "MutationGate$Builder",
            "MutationNotPermittedException",
            "MutationPermit",
            "MutationPermit$Kind",
            "PlannedAction",
            "Preparation",
            "Preparation$Builder",
            "PreparedAction",
            "PreparedAction$Carrier",
            "ToolDescriptor",
            "ToolDescriptor$Builder",
            "ToolFactSource",
            "ToolFactSource$Builder",
            "ToolProvider",
            "ToolRequest",
            "ToolResult");
    org.assertj.core.api.Assertions.assertThat(publicTypes("approval"))
        .containsExactlyInAnyOrder(
            "ApprovalHandler",
            "ApprovalRecord",
            "ApprovalRecord$Status",
            "ApprovalRequest",
            "ApprovalResponse",
            "ConsoleApprovalHandler",
            "ConsoleApprovalHandler$Builder",
            "WebhookApprovalHandler",
            "WebhookApprovalHandler$Builder");
  }

  @Test
  void engineToolApprovalAndReportCodeReadTimeOnlyFromTheInjectedClock() {
    noClasses()
        .that()
        .resideInAnyPackage(
            CORE + ".engine..", CORE + ".tool..", CORE + ".approval..", CORE + ".report..")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .check(CLASSES);
  }

  @Test
  void nothingRunsOnTheCommonPool() {
    noClasses()
        .that()
        .resideInAPackage(CORE + "..")
        .should()
        .callMethod(ForkJoinPool.class, "commonPool")
        .orShould()
        .callMethod(
            java.util.concurrent.CompletableFuture.class,
            "supplyAsync",
            java.util.function.Supplier.class)
        .orShould()
        .callMethod(java.util.concurrent.CompletableFuture.class, "runAsync", Runnable.class)
        .check(CLASSES);
  }

  @Test
  void policiesAndConditionsDoNotDependOnTheLayersAboveThem() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE + ".policy..", CORE + ".condition..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            CORE + ".engine..", CORE + ".tool..", CORE + ".approval..", CORE + ".report..")
        .check(CLASSES);
  }

  @Test
  void theToolApprovalAndReportPackagesDoNotDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE + ".tool..", CORE + ".approval..", CORE + ".report..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CORE + ".engine..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage(CORE + ".approval..", CORE + ".report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CORE + ".tool..", "io.github.aiplaybooks.mcp..")
        .check(CLASSES);
  }

  @Test
  void onlyTheGateOpensPermitsAndOnlyItsPackageMakesDecisions() {
    noClasses()
        .that()
        .resideOutsideOfPackage(CORE + ".tool")
        .should()
        .callConstructor(io.github.aiplaybooks.core.tool.MutationPermit.class)
        .orShould()
        .callConstructor(io.github.aiplaybooks.core.tool.ActionDecision.class)
        .check(CLASSES);
  }
}
