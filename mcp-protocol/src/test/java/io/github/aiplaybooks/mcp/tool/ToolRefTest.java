package io.github.aiplaybooks.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.PlaybooksException;
import io.github.aiplaybooks.mcp.schema.McpJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ToolRefTest {

  private static ObjectNode json(String json) {
    return (ObjectNode) McpJson.mapper().readTree(json);
  }

  private static void assertRef(ToolRef ref, String name, String arguments) {
    assertThat(ref.name()).isEqualTo(name);
    // JsonNode is Iterable: compare with equals, not element by element.
    assertThat(ref.arguments().equals(json(arguments)))
        .as("%s arguments %s", ref.source(), ref.arguments())
        .isTrue();
  }

  @Test
  void readsTheSeedsKubectlUris() {
    assertRef(
        ToolRef.parse("kubectl://get pods -n ${namespace}"),
        "kubectl_get",
        "{\"resource\":\"pods\",\"namespace\":\"${namespace}\"}");
    ToolRef logs = ToolRef.parse("kubectl://logs ${pod} -n ${namespace} --tail=200");
    assertRef(
        logs, "kubectl_logs", "{\"pod\":\"${pod}\",\"namespace\":\"${namespace}\",\"tail\":200}");
    assertThat(logs.variables()).containsExactly("pod", "namespace");
    assertThat(logs.arguments().get("tail").isIntegralNumber()).isTrue();
    assertThat(logs.form()).isEqualTo(ToolRef.Form.URI);
    assertRef(
        ToolRef.parse("kubectl://get networkpolicies --all-namespaces"),
        "kubectl_get",
        "{\"resource\":\"networkpolicies\",\"all_namespaces\":true}");
    assertRef(
        ToolRef.parse("kubectl://get podsecuritypolicies"),
        "kubectl_get",
        "{\"resource\":\"podsecuritypolicies\"}");
  }

  @Test
  void readsTheFewShotExamples() {
    assertRef(
        ToolRef.parse("kubectl://get pod api-service-abc123 -n default"),
        "kubectl_get",
        "{\"resource\":\"pod\",\"name\":\"api-service-abc123\",\"namespace\":\"default\"}");
    assertRef(
        ToolRef.parse("kubectl://logs api-service-abc123 -n default --tail=100"),
        "kubectl_logs",
        "{\"pod\":\"api-service-abc123\",\"namespace\":\"default\",\"tail\":100}");
    assertRef(
        ToolRef.parse("kubectl://describe pod api-service-abc123 -n default"),
        "kubectl_describe",
        "{\"resource\":\"pod\",\"name\":\"api-service-abc123\",\"namespace\":\"default\"}");
    String patch =
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"api\",\"resources\":{\"limits\":{\"memory\":\"512Mi\"}}}]}}}}";
    ToolRef ref =
        ToolRef.parse("kubectl://patch deployment api-service -n default -p '" + patch + "'");
    assertThat(ref.name()).isEqualTo("kubectl_patch");
    assertThat(ref.arguments().get("resource").stringValue()).isEqualTo("deployment");
    assertThat(ref.arguments().get("name").stringValue()).isEqualTo("api-service");
    assertThat(ref.arguments().get("namespace").stringValue()).isEqualTo("default");
    assertThat(ref.arguments().get("patch").stringValue()).isEqualTo(patch);
    assertThat(ref.variables()).isEmpty();
  }

  @Test
  void readsFlagSpellingsAndTypes() {
    assertRef(
        ToolRef.parse("kubectl://get pods --namespace=prod -l app=api -o json -A"),
        "kubectl_get",
        "{\"resource\":\"pods\",\"namespace\":\"prod\",\"selector\":\"app=api\",\"output\":\"json\",\"all_namespaces\":true}");
    assertRef(
        ToolRef.parse("kubectl://get deployment/api --selector \"tier=web, env=prod\""),
        "kubectl_get",
        "{\"resource\":\"deployment\",\"name\":\"api\",\"selector\":\"tier=web, env=prod\"}");
    assertRef(
        ToolRef.parse("kubectl://logs web-0 sidecar --previous --tail ${lines}"),
        "kubectl_logs",
        "{\"pod\":\"web-0\",\"container\":\"sidecar\",\"previous\":true,\"tail\":\"${lines}\"}");
    assertRef(
        ToolRef.parse("kubectl://logs web-0 -p"),
        "kubectl_logs",
        "{\"pod\":\"web-0\",\"previous\":true}");
    assertRef(
        ToolRef.parse("kubectl://scale deployment api --replicas=3 -n default"),
        "kubectl_scale",
        "{\"resource\":\"deployment\",\"name\":\"api\",\"replicas\":3,\"namespace\":\"default\"}");
    assertRef(
        ToolRef.parse("kubectl://rollout undo deployment/api --to-revision=2"),
        "kubectl_rollout",
        "{\"action\":\"undo\",\"resource\":\"deployment\",\"name\":\"api\",\"to_revision\":2}");
    assertRef(
        ToolRef.parse("kubectl://get pods --all-namespaces=false"),
        "kubectl_get",
        "{\"resource\":\"pods\",\"all_namespaces\":false}");
  }

  @ParameterizedTest
  @CsvSource({
    "aws://cloudwatch/get-metric-data, cloudwatch_get_metric_data",
    "aws://xray/get-traces, xray_get_traces",
    "aws://security-hub/get-findings, securityhub_get_findings",
    "aws://guardduty/get-findings, guardduty_get_findings"
  })
  void readsTheSeedsAwsUris(String uri, String name) {
    ToolRef ref = ToolRef.parse(uri);
    assertRef(ref, name, "{}");
    assertThat(ref.form()).isEqualTo(ToolRef.Form.URI);
  }

  @Test
  void readsAwsQueryArgumentsAndExtraArguments() {
    ToolRef ref =
        ToolRef.of(
            "aws://cloudwatch/get-metric-data?namespace=ContainerInsights&metric=pod%20cpu&cluster=${cluster}",
            json("{\"period\":300}"));
    assertRef(
        ref,
        "cloudwatch_get_metric_data",
        "{\"namespace\":\"ContainerInsights\",\"metric\":\"pod cpu\",\"cluster\":\"${cluster}\",\"period\":300}");
    assertThat(ref.variables()).containsExactly("cluster");
  }

  @Test
  void readsTheSeedsJsonRpcMethods() {
    ToolRef get =
        ToolRef.of(
            "kubectl/get",
            json("{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}"));
    assertRef(
        get,
        "kubectl_get",
        "{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}");
    assertThat(get.form()).isEqualTo(ToolRef.Form.METHOD);
    ObjectNode metrics =
        json(
            "{\"namespace\":\"ContainerInsights\",\"metric\":\"pod_cpu_utilization\",\"dimensions\":[{\"name\":\"ClusterName\",\"value\":\"enhanced-eks-cluster\"}],\"period\":300}");
    assertRef(
        ToolRef.of("cloudwatch/get_metric_data", metrics),
        "cloudwatch_get_metric_data",
        metrics.toString());
    assertThat(ToolRef.parse("guardduty/get_findings").name()).isEqualTo("guardduty_get_findings");
    assertThat(ToolRef.parse("security-hub/get-findings").name())
        .isEqualTo("securityhub_get_findings");
  }

  @Test
  void theThreeFormsOfOneCallAreEqual() {
    ToolRef uri = ToolRef.parse("kubectl://get pods -n default -l app=api");
    ToolRef method =
        ToolRef.of(
            "kubectl/get",
            json("{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}"));
    ToolRef name =
        ToolRef.ofName(
            "kubectl_get",
            json("{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}"));
    assertThat(uri).isEqualTo(method).isEqualTo(name);
    assertThat(uri.toCallParams()).isEqualTo(name.toCallParams());
    assertThat(name.form()).isEqualTo(ToolRef.Form.NAME);
  }

  @Test
  void argumentsAreCopiesSoTheRefStaysImmutable() {
    ObjectNode given = json("{\"resource\":\"pods\"}");
    ToolRef ref = ToolRef.ofName("kubectl_get", given);
    given.put("resource", "secrets");
    ref.arguments().put("resource", "secrets");
    assertThat(ref.arguments().get("resource").stringValue()).isEqualTo("pods");
  }

  @Test
  void variablesAreFoundInMethodParamsToo() {
    ToolRef ref =
        ToolRef.of(
            "kubectl/get",
            json(
                "{\"namespace\":\"${ns}\",\"labels\":[\"app=${app}\",\"x\"],\"n\":{\"a\":\"${ns}\"}}"));
    assertThat(ref.variables()).containsExactly("ns", "app");
    assertThat(ref.withArguments(json("{}")).hasVariables()).isFalse();
  }

  private static ToolRefException refused(String reference) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ToolRef.parse(reference));
    assertThat(t).as(reference).isInstanceOf(ToolRefException.class);
    ToolRefException e = (ToolRefException) t;
    assertThat(e.code()).isEqualTo("TOOL_REF_INVALID");
    assertThat(e.fault()).isEqualTo(PlaybooksException.Fault.CALLER);
    assertThat(e.reference()).isEqualTo(reference);
    assertThat(e.getMessage()).contains(reference);
    return e;
  }

  @Test
  void refusesWhatItCannotReadNamingFormAndPosition() {
    ToolRefException noValue = refused("kubectl://get pods -n");
    assertThat(noValue.position()).isEqualTo(21);
    assertThat(noValue.getMessage()).contains("tool URI").contains("position 21").contains("-n");

    ToolRefException unknownFlag = refused("kubectl://delete pod x --force");
    assertThat(unknownFlag.position()).isEqualTo(23);
    assertThat(unknownFlag.getMessage()).contains("--force").contains("known:");

    assertThat(refused("kubectl://exec -it pod -- sh").getMessage())
        .contains("unknown kubectl verb 'exec'");
    assertThat(refused("kubectl://logs web-0 --tail=lots").getMessage())
        .contains("needs an integer");
    assertThat(refused("kubectl://patch deploy x -p '{\"a\":1}").getMessage())
        .contains("unterminated single quote");
    assertThat(refused("kubectl://get pods -n ${namespace").getMessage()).contains("placeholder");
    assertThat(refused("kubectl://get pods a b").getMessage()).contains("unexpected argument 'b'");
    assertThat(refused("kubectl://get pods -n a -n b").getMessage()).contains("given twice");
    assertThat(refused("kubectl://").getMessage()).contains("expected a kubectl verb");
    assertThat(refused("ftp://host/file").getMessage()).contains("unknown scheme 'ftp'");
    assertThat(refused("aws://cloudwatch").getMessage()).contains("aws://service/operation");
    assertThat(refused("aws://cloudwatch/get/extra").getMessage()).contains("operation");
    assertThat(refused("aws://xray/get-traces?a=1&a=2").getMessage()).contains("given twice");

    ToolRefException method = refused("kubectl/get/pods");
    assertThat(method.form()).isEqualTo(ToolRef.Form.METHOD);
    assertThat(refused("tools/call").getMessage()).contains("is an MCP method");
    ToolRefException name = refused("kubectl get");
    assertThat(name.form()).isEqualTo(ToolRef.Form.NAME);
    refused("");
  }

  @Test
  void uriArgumentsCannotBeOverriddenByExtraArguments() {
    assertThatThrownBy(
            () ->
                ToolRef.of(
                    "kubectl://get pods -n default", json("{\"namespace\":\"kube-system\"}")))
        .isInstanceOf(ToolRefException.class)
        .hasMessageContaining("'namespace' is given both");
  }

  @Test
  void ofNameRefusesOtherForms() {
    assertThatThrownBy(() -> ToolRef.ofName("kubectl/get", null))
        .isInstanceOf(ToolRefException.class)
        .hasMessageContaining("tool name");
    JsonNode none = ToolRef.ofName("kubectl_get", null).arguments();
    assertThat(none.isEmpty()).isTrue();
  }
}
