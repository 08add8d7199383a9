package io.github.aiplaybooks.testkit.engine;

import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shared inputs of the engine tests: JSON, the seed's playbooks, an OOM-killed deployment. */
final class Fixtures {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A Monday at 03:00 UTC: off hours by the default business hours. */
  static final String OFF_HOURS = "2024-01-01T03:00:00Z";

  private Fixtures() {}

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static ObjectNode object(String text) {
    return (ObjectNode) JSON.readTree(text);
  }

  static Playbook seed(String name) {
    return SeedPlaybooks.load(name);
  }

  static Playbook playbook(String json) {
    return PlaybookLoader.standard().load("test.json", json, PlaybookFormat.JSON);
  }

  /** The seed's few-shot scenario: api-service OOM-killed at a 256Mi limit, needing 280Mi. */
  static SimulatedCluster oomCluster() {
    return SimulatedCluster.builder()
        .node("ip-10-0-1-1")
        .node("ip-10-0-1-2")
        .deployment("default", "api-service", 3, "api:v2.1.0", "256Mi")
        .requiredMemory("default", "api-service", "280Mi")
        .logs(
            "default",
            "api-service",
            "2024-01-01T02:59:58Z java.lang.OutOfMemoryError: Java heap space\nKilled (exit code 137)")
        .build();
  }

  static TriggerEvent oomAlert() {
    return TriggerEvent.alert(
        json(
            """
            {"alert_name": "pod_crash_loop", "severity": "P1", "source": "prometheus",
             "type": "resource", "namespace": "default", "pod": "api-service-r1-0",
             "deployment": "api-service", "cluster": "simulated"}
            """));
  }

  static JsonNode classification(int claimedBlastRadius) {
    return json(
        """
        {"severity": "P1", "type": "resource",
         "affected_resources": [{"kind": "Deployment", "namespace": "default", "name": "api-service"}],
         "blast_radius": %d,
         "summary": "api-service pods are OOMKilled (exit code 137) in CrashLoopBackOff.",
         "confidence": 0.9}
        """
            .formatted(claimedBlastRadius));
  }

  /** A remediation plan with the given actions (JSON array items). */
  static JsonNode plan(String... actions) {
    return json(
        """
        {"remediation_plan": {
          "root_cause": "The memory limit of 256Mi is below the 280Mi the service needs.",
          "runbook": "P1 / Resource / Memory Pressure",
          "actions": [%s],
          "escalate": false,
          "confidence": 0.9}}
        """
            .formatted(String.join(",", actions)));
  }

  static String raiseMemory(String memory) {
    return """
        {"action": "add_resource_limits",
         "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
         "parameters": {"memory": "%s"},
         "rationale": "Usage peaked at 280Mi against a 256Mi limit."}
        """
        .formatted(memory);
  }

  static String scale(int replicas) {
    return """
        {"action": "scale_deployment",
         "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
         "parameters": {"replicas": %d},
         "rationale": "More replicas spread the load."}
        """
        .formatted(replicas);
  }
}
