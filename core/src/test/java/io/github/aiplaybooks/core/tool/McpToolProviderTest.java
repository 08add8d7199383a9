package io.github.aiplaybooks.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.schema.ToolAnnotations;
import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.tool.ToolRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** MCP tools through the provider: effects from the catalog and annotations, and the guard. */
class McpToolProviderTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final List<String> served = new CopyOnWriteArrayList<>();
  private McpServer server;
  private McpClient client;
  private ToolRouter router;

  private static ObjectNode schema(String json) {
    return (ObjectNode) JSON.readTree(json);
  }

  @BeforeEach
  void start() {
    McpServer.Builder b = McpServer.builder().serverInfo(Implementation.of("kubectl", "1"));
    List<Tool> tools =
        List.of(
            Tool.builder("kubectl_get").annotations(ToolAnnotations.readOnly()).build(),
            Tool.builder("kubectl_logs").build(),
            Tool.builder("kubectl_scale").build(),
            Tool.builder("kubectl_mystery").build(),
            Tool.builder("kubectl_label")
                .annotations(new ToolAnnotations(null, false, false, null, null))
                .build(),
            Tool.builder("kubectl_patch")
                .inputSchema(
                    schema(
                        "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
                            + " \"replicas\": {\"type\": \"integer\"}, \"dry_run\": {\"type\": \"boolean\"}}}"))
                .build());
    for (Tool t : tools) {
      b.tool(
          t,
          call -> {
            served.add(
                call.tool().name()
                    + " "
                    + call.arguments()
                    + (call.meta() == null ? "" : " meta=" + call.meta()));
            return CallToolResult.text("done " + call.tool().name());
          });
    }
    server = b.build();
    Pipe toServer = new Pipe();
    Pipe toClient = new Pipe();
    Thread serving =
        new Thread(() -> server.serveStdio(toServer.in(), toClient.out()), "serve-kubectl");
    serving.setDaemon(true);
    serving.start();
    client = McpClient.builder().name("kubectl").streams(toClient.in(), toServer.out()).connect();
    router = ToolRouter.builder().server("kubectl", client).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private McpToolProvider provider() {
    return McpToolProvider.builder(router)
        .action("kubectl_scale", "scale_deployment")
        .action("kubectl_patch", "add_resource_limits")
        .build();
  }

  @Test
  void effectsComeFromTheCatalogThenFromAnnotationsAndNoAnnotationsIsDestructive() {
    Map<String, String> described =
        provider().tools().stream()
            .collect(
                Collectors.toMap(
                    ToolDescriptor::name,
                    d -> d.action() + " " + d.effect() + (d.supportsDryRun() ? " dry-run" : "")));
    assertThat(described)
        .containsEntry("kubectl_get", "get READ")
        .containsEntry("kubectl_logs", "logs READ")
        .containsEntry("kubectl_scale", "scale_deployment MUTATE")
        .containsEntry("kubectl_mystery", "null DESTRUCTIVE")
        .containsEntry("kubectl_label", "null MUTATE")
        .containsEntry("kubectl_patch", "add_resource_limits MUTATE dry-run");
  }

  @Test
  void readsGoThroughAndMutationsNeedAPermit() {
    McpToolProvider tools = provider();
    assertThat(
            tools
                .call(ToolRequest.read("kubectl_logs", JsonNodeFactory.instance.objectNode()))
                .text())
        .isEqualTo("done kubectl_logs");
    MutationNotPermittedException e =
        catchThrowableOfType(
            MutationNotPermittedException.class,
            () ->
                tools.call(
                    ToolRequest.read("kubectl_mystery", JsonNodeFactory.instance.objectNode())));
    assertThat(e.code()).isEqualTo(MutationNotPermittedException.OUTSIDE_GATE);
    assertThat(served).containsExactly("kubectl_logs {}");
  }

  @Test
  void theGuardedRouterRefusesADirectMutatingCallWhileTheHostsOwnRouterIsUnchanged() {
    McpToolProvider tools = provider();
    MutationNotPermittedException e =
        catchThrowableOfType(
            MutationNotPermittedException.class,
            () -> tools.router().call("kubectl://scale deployment api -n default --replicas=9"));
    assertThat(e.getMessage())
        .contains("Tool kubectl_scale on server kubectl changes the system (MUTATE)")
        .contains("outside the policy gate");
    assertThat(tools.router().call("kubectl://get pods").joinedText())
        .isEqualTo("done kubectl_get");
    assertThat(served).containsExactly("kubectl_get {\"resource\":\"pods\"}");

    // A router the host builds with the guard refuses too.
    ToolRouter hosts =
        ToolRouter.builder()
            .server("kubectl", client)
            .interceptor(McpToolProvider.guard(ActionCatalog.defaults()))
            .build();
    assertThat(
            catchThrowableOfType(
                    MutationNotPermittedException.class, () -> hosts.call("kubectl_mystery"))
                .code())
        .isEqualTo(MutationNotPermittedException.OUTSIDE_GATE);
  }

  @Test
  void aPermittedMutationReachesTheServerWithItsKeyAndADryRunSetsTheFlag() {
    McpToolProvider tools = provider();
    MutationGate gate =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("add_resource_limits").build())
                    .build())
            .tools(tools)
            .build();
    PlannedAction patch =
        PlannedAction.of(
            "add_resource_limits",
            Target.of("deployment", "default", "api"),
            JsonNodeFactory.instance.objectNode().put("name", "api"));
    // No inverse from a bare tool: it needs a human, so give the gate an approval.
    PreparedAction live = gate.prepare(patch, Facts.empty());
    ActionDecision d = gate.decide(live, ApprovalRules.none(), Facts.empty());
    io.github.aiplaybooks.core.approval.ApprovalRecord yes =
        io.github.aiplaybooks.core.approval.ApprovalRecord.answered(
            new io.github.aiplaybooks.core.approval.ApprovalRequest(
                "r",
                "run",
                "pb",
                "s",
                "add_resource_limits",
                patch.target(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH),
            io.github.aiplaybooks.core.approval.ApprovalResponse.approve("alice", null),
            java.time.Instant.EPOCH);
    assertThat(gate.execute(live, d, yes, ExecutionMode.LIVE, "run/6_execute/p1", null).status())
        .isEqualTo(Execution.Status.APPLIED);
    PreparedAction dry = gate.prepare(patch, Facts.empty());
    assertThat(
            gate.execute(
                    dry,
                    gate.decide(dry, ApprovalRules.none(), Facts.empty()),
                    yes,
                    ExecutionMode.DRY_RUN,
                    "run/6_execute/p2",
                    null)
                .status())
        .isEqualTo(Execution.Status.DRY_RUN);

    assertThat(served)
        .containsExactly(
            "kubectl_patch {\"name\":\"api\"} meta={\"idempotency_key\":\"run/6_execute/p1\"}",
            "kubectl_patch {\"name\":\"api\",\"dry_run\":true} meta={\"idempotency_key\":\"run/6_execute/p2\"}");
  }

  @Test
  void aDryRunOfAToolWithoutTheFlagIsNotSent() {
    McpToolProvider tools = provider();
    MutationGate gate =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("scale_deployment").build())
                    .build())
            .tools(tools)
            .build();
    PreparedAction scale =
        gate.prepare(
            PlannedAction.of("scale_deployment", Target.of("deployment", "default", "api")),
            Facts.empty());
    assertThat(scale.tool()).map(ToolDescriptor::effect).contains(Effect.MUTATE);
    io.github.aiplaybooks.core.approval.ApprovalRecord yes =
        io.github.aiplaybooks.core.approval.ApprovalRecord.answered(
            new io.github.aiplaybooks.core.approval.ApprovalRequest(
                "r",
                "run",
                "pb",
                "s",
                "scale_deployment",
                scale.planned().target(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH),
            io.github.aiplaybooks.core.approval.ApprovalResponse.approve("alice", null),
            java.time.Instant.EPOCH);
    Execution x =
        gate.execute(
            scale,
            gate.decide(scale, ApprovalRules.none(), Facts.empty()),
            yes,
            ExecutionMode.DRY_RUN,
            "k",
            null);
    assertThat(x.status()).isEqualTo(Execution.Status.NOT_SENT);
    assertThat(served).isEmpty();
  }

  @Test
  void aMappingToAnActionTheCatalogLacksIsRefused() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () ->
                McpToolProvider.builder(router)
                    .action("kubectl_scale", "scale_everything")
                    .build());
    assertThat(e.getMessage()).contains("kubectl_scale -> scale_everything");
  }
}
