package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {

  @Test
  void templatesRenderEveryVariableInOnePass() {
    PromptTemplate t = PromptTemplate.of("t", "Alert ${alert} in ${ namespace }; cost $${x}.");
    assertThat(t.variables()).containsExactly("alert", "namespace");
    assertThat(t.render(Map.of("alert", "CrashLoopBackOff", "namespace", "default")))
        .isEqualTo("Alert CrashLoopBackOff in default; cost ${x}.");
    // A value that looks like a placeholder is inserted verbatim, never expanded.
    assertThat(t.render(Map.of("alert", "${namespace}", "namespace", "prod")))
        .isEqualTo("Alert ${namespace} in prod; cost ${x}.");
  }

  @Test
  void aMissingVariableIsATypedErrorNamingTemplateAndVariables() {
    PromptTemplate t = PromptTemplate.of("decide", "${alert} ${classification} ${evidence}");
    Map<String, Object> values = new HashMap<>();
    values.put("alert", "a");
    values.put("evidence", null);
    assertThatThrownBy(() -> t.render(values))
        .isInstanceOfSatisfying(
            PromptTemplateException.class,
            e -> {
              assertThat(e.code()).isEqualTo("PROMPT_VARIABLE_MISSING");
              assertThat(e.template()).isEqualTo("decide");
              assertThat(e.variables()).containsExactly("classification", "evidence");
              assertThat(e.retryable()).isFalse();
            })
        .hasMessageContaining("Prompt template decide")
        .hasMessageContaining("classification, evidence");
  }

  @Test
  void malformedTemplatesAreRefusedWithTheOffset() {
    assertThatThrownBy(() -> PromptTemplate.of("sys", "Hello ${name"))
        .isInstanceOf(PromptTemplateException.class)
        .hasMessageContaining("sys")
        .hasMessageContaining("offset 6")
        .extracting(e -> ((PromptTemplateException) e).code())
        .isEqualTo("PROMPT_TEMPLATE_INVALID");
    assertThatThrownBy(() -> PromptTemplate.of("sys", "${1abc}")).hasMessageContaining("'1abc'");
    assertThatThrownBy(() -> PromptTemplate.of("sys", "${}")).hasMessageContaining("''");
  }

  @Test
  void defaultsAreTheSeedsPrompts() {
    Prompts p = Prompts.defaults();
    String system = p.system().render();
    assertThat(system)
        .startsWith(
            "You are an expert SRE agent managing an EKS cluster in AWS GovCloud (us-gov-west-1).")
        .contains("- Request approval for destructive operations (node termination, RBAC changes)")
        .contains("- Always create rollback plan before changes");
    assertThat(p.fewShot().text())
        .startsWith("Human: Pod api-service-abc123 is in CrashLoopBackOff")
        .contains("OOMKilled (exit code 137)")
        .contains("Increase memory limit to 512Mi");
    assertThat(p.classify().variables()).containsExactly("alert");
    assertThat(p.decide().variables())
        .containsExactlyInAnyOrder("alert", "classification", "evidence");
  }

  @Test
  void defaultsMatchTheSeedVerbatim() throws Exception {
    Path seed = Path.of("../../shared/seed/ai-playbooks-seed.md");
    if (!Files.exists(seed)) {
      seed = Path.of("../shared/seed/ai-playbooks-seed.md");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed), "seed not beside the repo");
    String text = Files.readString(seed, StandardCharsets.UTF_8);
    assertThat(text).contains("```\n" + Prompts.defaults().system().text() + "```");
    assertThat(text).contains("```\n" + Prompts.defaults().fewShot().text() + "```");
  }

  @Test
  void theFewShotExampleBecomesAlternatingTurns() {
    List<Message> turns = Prompts.defaults().fewShotMessages();
    assertThat(turns).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
    assertThat(turns.get(0).text()).isEqualTo("Pod api-service-abc123 is in CrashLoopBackOff");
    assertThat(turns.get(1).text())
        .startsWith("I'll investigate the pod crash.")
        .endsWith("Memory usage stable at 320Mi.");
  }

  @Test
  void overridesComeFromTextOrFiles(@TempDir Path dir) throws Exception {
    Path system = dir.resolve("system.txt");
    Files.writeString(system, "You guard cluster ${cluster}.");
    Prompts p =
        Prompts.builder()
            .system(system)
            .fewShot("Human: disk full\nAgent: expand the PVC\nHuman: thanks\nAssistant: ok")
            .build();
    assertThat(p.system().name()).isEqualTo(system.toString());
    assertThat(p.system().render(Map.of("cluster", "prod-eks")))
        .isEqualTo("You guard cluster prod-eks.");
    assertThat(p.fewShotMessages())
        .extracting(Message::text)
        .containsExactly("disk full", "expand the PVC", "thanks", "ok");
    assertThat(p.classify()).isSameAs(Prompts.defaults().classify());
    assertThat(Prompts.defaults().system().variables()).isEmpty();
  }

  @Test
  void unreadableFilesAndBadExamplesNameTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> Prompts.builder().decide(missing))
        .isInstanceOf(PromptTemplateException.class)
        .hasMessageContaining(missing.toString())
        .extracting(e -> ((PromptTemplateException) e).code())
        .isEqualTo("PROMPT_FILE_UNREADABLE");
    assertThatThrownBy(() -> Prompts.builder().fewShot("Agent: hi").build().fewShotMessages())
        .hasMessageContaining("few-shot")
        .hasMessageContaining("Human:");
    assertThatThrownBy(
            () -> Prompts.builder().fewShot("Human: a\nHuman: b").build().fewShotMessages())
        .hasMessageContaining("alternate");
    assertThatThrownBy(() -> Prompts.builder().fewShot("just text").build().fewShotMessages())
        .hasMessageContaining("must start with a 'Human:' line");
  }
}
