package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The shipped step schemas accept the seed's example and refuse what they must. */
class StepSchemasTest {

  /** The seed's few-shot example as a remediation plan: OOMKilled, raise the memory limit. */
  static final String SEED_PLAN =
      """
      {"remediation_plan": {
        "root_cause": "Pod is crashing due to OOMKilled (exit code 137). Memory limit is 256Mi but usage peaked at 280Mi.",
        "runbook": "P1 / Resource / Memory Pressure",
        "actions": [{
          "action": "patch_deployment",
          "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
          "parameters": {"patch": {"spec": {"template": {"spec": {"containers": [
            {"name": "api", "resources": {"limits": {"memory": "512Mi"}}}]}}}}},
          "rollback": {"action": "patch_deployment", "parameters": {"patch": {"spec": {"template":
            {"spec": {"containers": [{"name": "api", "resources": {"limits": {"memory": "256Mi"}}}]}}}}}},
          "rationale": "Usage peaked at 280Mi against a 256Mi limit; 512Mi leaves headroom."
        }],
        "escalate": false,
        "confidence": 0.9
      }}
      """;

  static JsonNode json(String text) {
    return LlmJson.mapper().readTree(text);
  }

  @Test
  void theSeedExamplePlanIsValid() {
    assertThat(StepSchemas.DECIDE.validate(json(SEED_PLAN))).isEmpty();
    assertThat(StepSchemas.DECIDE.toolName()).isEqualTo("record_remediation_plan");
    assertThat(StepSchemas.CLASSIFY.toolName()).isEqualTo("record_classification");
  }

  @Test
  void aClusterScopedTargetNeedsNoNamespace() {
    ObjectNode plan = (ObjectNode) json(SEED_PLAN);
    ObjectNode target = (ObjectNode) plan.at("/remediation_plan/actions/0/target");
    target.remove("namespace");
    target.put("kind", "Node").put("name", "ip-10-0-1-1.ec2.internal");
    assertThat(StepSchemas.DECIDE.validate(plan)).isEmpty();
  }

  @Test
  void unknownMembersBadNamesAndMissingFieldsAreViolationsWithPointers() {
    ObjectNode plan = (ObjectNode) json(SEED_PLAN);
    ObjectNode action = (ObjectNode) plan.at("/remediation_plan/actions/0");
    action.put("action", "rm -rf /");
    action.put("approved", true);
    ((ObjectNode) action.get("target")).put("namespace", "Not_A_Namespace");
    ((ObjectNode) plan.get("remediation_plan")).remove("escalate");

    List<SchemaViolation> violations = StepSchemas.DECIDE.validate(plan);

    assertThat(violations)
        .extracting(SchemaViolation::pointer)
        .contains(
            "/remediation_plan/actions/0/action",
            "/remediation_plan/actions/0/approved",
            "/remediation_plan/actions/0/target/namespace",
            "/remediation_plan/escalate");
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    assertThat(violations.get(0).toString()).startsWith(violations.get(0).pointer() + " (");
  }

  @Test
  void tooManyActionsOrParametersAreViolations() {
    ObjectNode plan = (ObjectNode) json(SEED_PLAN);
    var actions = (tools.jackson.databind.node.ArrayNode) plan.at("/remediation_plan/actions");
    JsonNode first = actions.get(0);
    for (int i = 0; i < 20; i++) {
      actions.add(first.deepCopy());
    }
    ObjectNode params = (ObjectNode) actions.get(0).get("parameters");
    for (int i = 0; i < 40; i++) {
      params.put("p" + i, i);
    }
    assertThat(StepSchemas.DECIDE.validate(plan))
        .extracting(SchemaViolation::pointer, SchemaViolation::keyword)
        .contains(
            org.assertj.core.groups.Tuple.tuple("/remediation_plan/actions", "maxItems"),
            org.assertj.core.groups.Tuple.tuple(
                "/remediation_plan/actions/0/parameters", "maxProperties"));
  }

  @Test
  void theSchemasAreStrictEverywhere() {
    for (OutputSchema schema : List.of(StepSchemas.CLASSIFY, StepSchemas.DECIDE)) {
      List<JsonNode> objects = schema.schema().findParents("properties");
      assertThat(objects).isNotEmpty();
      for (JsonNode object : objects) {
        if (object.get("properties").isObject() && object.has("type")) {
          assertThat(object.get("additionalProperties").asBoolean(true))
              .as("additionalProperties in %s", object)
              .isFalse();
        }
      }
    }
  }

  @Test
  void aSchemaThatIsNotAnObjectSchemaIsRefused() {
    assertThatThrownBy(() -> OutputSchema.of("x", null, (ObjectNode) json("{\"type\":\"array\"}")))
        .isInstanceOf(CallerFaultException.class)
        .hasMessageContaining("Output schema x");
    assertThatThrownBy(() -> OutputSchema.fromResource("x", null, "/no/such.json"))
        .hasMessageContaining("/no/such.json");
    assertThatThrownBy(
            () -> OutputSchema.of("bad name!", null, (ObjectNode) json("{\"type\":\"object\"}")))
        .isInstanceOf(LlmInvalidRequestException.class)
        .hasMessageContaining("bad name!");
  }

  @Test
  void violationMessagesReadWell() {
    List<SchemaViolation> v = StepSchemas.CLASSIFY.validate(json(StructuredOutputTest.INVALID));
    assertThat(v)
        .extracting(SchemaViolation::toString)
        .anySatisfy(s -> assertThat(s).startsWith("/severity (enum): "))
        .anySatisfy(s -> assertThat(s).startsWith("/delete_everything (additionalProperties): "));
  }
}
