package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.StepKind;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import io.github.aiplaybooks.core.playbook.StepSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

class PlaybookLoaderTest {
  private static final PlaybookLoader LOADER = PlaybookLoader.standard();

  private static List<String> errors(String text, PlaybookFormat format) {
    PlaybookLoadException[] e = new PlaybookLoadException[1];
    assertThatThrownBy(() -> LOADER.load("t", text, format))
        .isInstanceOfSatisfying(PlaybookLoadException.class, x -> e[0] = x);
    return e[0].errors().stream().map(LoadError::toString).toList();
  }

  @Test
  void xKeysAreKeptAtTheTopAndInStepsAndWrittenBack() {
    String json =
        """
        {"playbook": "p", "x-owner": {"team": "sre"},
         "workflow": {"1_detect": {"action": "receive_alert", "x-note": "kept"}}}
        """;

    Playbook p = LOADER.load("p.json", json, PlaybookFormat.JSON);

    assertThat(p.extensions())
        .containsEntry("x-owner", JsonNodeFactory.instance.objectNode().put("team", "sre"));
    assertThat(p.steps().get(0).extensions())
        .containsEntry("x-note", JsonNodeFactory.instance.stringNode("kept"));
    assertThat(LOADER.load("again.json", PlaybookWriter.toJson(p), PlaybookFormat.JSON))
        .isEqualTo(p);
  }

  @Test
  void xKeysAreKeptInTheTriggerInRoutingAndInRoutesAndWrittenBack() {
    String json =
        """
        {"playbook": "p",
         "trigger": {"type": "alert", "severities": ["P0"], "x-pager": "sre"},
         "workflow": {"1_detect": {"action": "receive_alert", "sources": ["cloudwatch"]}},
         "routing": {"x-owner": "platform",
                     "routes": [{"when": "severity == P0", "runbook": ["escalate"],
                                 "x-doc": "https://runbooks.example.com/p0"}]}}
        """;

    Playbook p = LOADER.load("p.json", json, PlaybookFormat.JSON);

    JsonNodeFactory nodes = JsonNodeFactory.instance;
    assertThat(p.triggerExtensions()).containsEntry("x-pager", nodes.stringNode("sre"));
    assertThat(p.routing().orElseThrow().extensions())
        .containsEntry("x-owner", nodes.stringNode("platform"));
    assertThat(p.routing().orElseThrow().routes().get(0).extensions())
        .containsEntry("x-doc", nodes.stringNode("https://runbooks.example.com/p0"));
    assertThat(LOADER.load("again.json", PlaybookWriter.toJson(p), PlaybookFormat.JSON))
        .isEqualTo(p);
    // Only x- keys: anything else is still an unknown key.
    assertThat(
            errors(
                "{\"playbook\": \"p\", \"trigger\": {\"type\": \"manual\", \"owner\": 1},"
                    + " \"workflow\": {\"1_a\": {\"action\": \"receive_alert\"}}}",
                PlaybookFormat.JSON))
        .singleElement()
        .asString()
        .startsWith(
            "t:1:49: /trigger/owner: unknown key 'owner'; expected one of: type, or x-… for your"
                + " own data");
  }

  @Test
  void aRoutingFragmentAloneIsNamedAsSuchNotReportedAsABrokenPlaybook() {
    assertThat(
            errors(
                "{\"routes\": [{\"when\": \"severity == P0\", \"runbook\": [\"escalate\"]}]}",
                PlaybookFormat.JSON))
        .singleElement()
        .asString()
        .startsWith(
            "t:1:1: /: this is a routing fragment (routes and default), not a playbook: it goes"
                + " under a playbook's \"routing\" key, or is loaded with its playbook by"
                + " PlaybookLoader.loadWithRouting");
  }

  @Test
  void aRoutingFragmentLoadsWithItsPlaybookAndItsErrorsNameTheFragment(@TempDir Path dir)
      throws IOException {
    Path playbook = dir.resolve("p.yaml");
    Files.writeString(
        playbook, "playbook: p\nworkflow:\n  1_detect: {action: receive_alert, sources: [x]}\n");
    Path routing = dir.resolve("p.routing.json");
    Files.writeString(
        routing,
        "{\"routes\": [\n  {\"when\": \"severity == P0\", \"runbook\": [\"escalate\"]}\n]}\n");
    Path broken = dir.resolve("broken.routing.json");
    Files.writeString(
        broken,
        "{\"routes\": [\n  {\"when\": \"severty == P0\", \"runbook\": [\"escalat\"]}\n],"
            + " \"defualt\": []}\n");

    Playbook p = LOADER.loadWithRouting(playbook, routing);
    assertThat(p.routing().orElseThrow().rules()).hasSize(1);

    assertThatThrownBy(() -> LOADER.loadWithRouting(playbook, broken))
        .isInstanceOfSatisfying(
            PlaybookLoadException.class,
            e -> {
              assertThat(e.source()).isEqualTo(playbook + " with " + broken);
              assertThat(e.errors())
                  .extracting(LoadError::toString)
                  .containsExactly(
                      broken
                          + ":2:12: /routes/0/when: unknown fact 'severty' in 'severty == P0'"
                          + " (did you mean 'severity'?): a condition may read the standard facts,"
                          + " the inputs, the trigger's context and outputs of earlier steps;"
                          + " declare it under \"inputs\"",
                      broken
                          + ":2:41: /routes/0/runbook/0: unknown action 'escalat' (did you mean"
                          + " 'escalate'?); known actions: "
                          + String.join(
                              ", ",
                              new java.util.TreeSet<>(
                                  io.github.aiplaybooks.core.playbook.KnownActions.seedCatalog()
                                      .spellings())),
                      broken
                          + ":3:4: /defualt: unknown key 'defualt' (did you mean 'default'?);"
                          + " expected one of: routes, default, or x-… for your own data");
            });
  }

  @Test
  void trailingContentAfterTheDocumentIsReportedAtTheDocumentsEndNotInsideIt() {
    assertThat(
            errors(
                "{\"playbook\":\"x\",\"workflow\":{\"1_a\":{\"action\":\"alert_team\","
                    + "\"channels\":[\"slack\"],\"message\":\"hi\"}}} trailing",
                PlaybookFormat.JSON))
        .containsExactly(
            "t:1:96: /: unexpected content after the end of the playbook: a file holds one JSON"
                + " value, and the playbook ends here");
  }

  @Test
  void linesAndColumnsAreOneBasedInJsonAndYaml() {
    assertThat(errors("{\n  \"playbook\": \"p\",\n  \"wrkflow\": {}\n}", PlaybookFormat.JSON))
        .containsExactly(
            "t:1:1: /workflow: missing required key 'workflow' (the steps, keyed NUMBER_NAME and"
                + " numbered 1, 2, 3, ... without gaps)",
            "t:3:3: /wrkflow: unknown key 'wrkflow' (did you mean 'workflow'?); expected one of:"
                + " playbook, agent, model, trigger, inputs, workflow, routing, or x-… for your own"
                + " data");
    assertThat(errors("playbook: p\nworkflow:\n  1_a:\n    action: 7\n", PlaybookFormat.YAML))
        .containsExactly("t:4:13: /workflow/1_a/action: expected a string, found an integer");
  }

  @Test
  void anEmptyFileAndASecondDocumentAreErrors() {
    assertThat(errors("", PlaybookFormat.JSON))
        .containsExactly("t:1:1: /: the file is empty: expected a playbook object");
    assertThat(errors("   \n", PlaybookFormat.YAML))
        .containsExactly("t:1:1: /: the file is empty: expected a playbook object");
    assertThat(
            errors(
                "playbook: p\nworkflow:\n  1_a: {action: receive_alert}\n---\nplaybook: q\n",
                PlaybookFormat.YAML))
        .singleElement()
        .asString()
        .isEqualTo(
            "t:4:1: /: unexpected content after the end of the playbook: a file holds one YAML"
                + " document, and the playbook ends here");
    assertThat(errors("[1, 2]", PlaybookFormat.JSON))
        .containsExactly("t:1:1: /: expected an object, found an array");
  }

  @Test
  void yamlFeaturesBeyondJsonDataAreRefusedOnceEach() {
    assertThat(
            errors(
                "playbook: p\nworkflow:\n  1_a: &s {action: receive_alert}\n  2_b: *s\n",
                PlaybookFormat.YAML))
        .containsExactly(
            "t:4:8: /workflow/2_b: YAML aliases (*s) are not supported: write the value out in"
                + " full");
    assertThat(
            errors(
                "playbook: p\nworkflow:\n  1_a: {action: receive_alert, sources: !!binary aGk=}\n",
                PlaybookFormat.YAML))
        .containsExactly(
            "t:3:41: /workflow/1_a/sources: unsupported value (VALUE_EMBEDDED_OBJECT): expected"
                + " JSON data");
  }

  @Test
  void filesAreReadByExtensionAsUtf8(@TempDir Path dir) throws IOException {
    Path yml = dir.resolve("p.yml");
    Files.writeString(yml, "playbook: p\nworkflow:\n  1_a: {action: receive_alert}\n");
    Path txt = dir.resolve("p.txt");
    Files.writeString(txt, "{}");
    Path latin1 = dir.resolve("p.json");
    Files.write(latin1, "{\"playbook\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(LOADER.load(yml).name()).isEqualTo("p");
    assertThatThrownBy(() -> LOADER.load(txt))
        .isInstanceOf(PlaybookLoadException.class)
        .hasMessageContaining("expected a .json, .yaml or .yml file, found 'p.txt'");
    assertThatThrownBy(() -> LOADER.load(latin1))
        .isInstanceOf(PlaybookLoadException.class)
        .hasMessageContaining("the file is not UTF-8 text");
    assertThatThrownBy(() -> LOADER.load(dir.resolve("missing.json")))
        .isInstanceOf(PlaybookLoadException.class)
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void aStreamLargerThanTheLimitIsRefusedBeforeParsing() {
    byte[] big = new byte[PlaybookLoader.MAX_BYTES + 1];
    assertThatThrownBy(() -> LOADER.load("big", new ByteArrayInputStream(big), PlaybookFormat.JSON))
        .isInstanceOfSatisfying(
            PlaybookLoadException.class,
            e -> assertThat(e.errors()).singleElement().asString().contains("larger than"));
  }

  @Test
  void aDefectOfTheLoaderOrAStepKindIsNeverBlamedOnThePlaybook() {
    StepKind broken =
        new StepKind() {
          @Override
          public String action() {
            return "open_ticket";
          }

          @Override
          public Class<? extends StepSpec> specType() {
            return CustomSpec.class;
          }

          @Override
          public Set<String> outputs(StepSpec spec) {
            throw new UnsupportedOperationException("oops");
          }
        };
    PlaybookLoader loader =
        PlaybookLoader.builder()
            .stepKinds(StepKindRegistry.builder().register(broken).build())
            .build();

    assertThatThrownBy(
            () ->
                loader.load(
                    "ok.yaml",
                    "playbook: p\nworkflow:\n  1_t: {action: open_ticket}\n",
                    PlaybookFormat.YAML))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(PlaybookLoadException.class)
        .hasMessageStartingWith("PLAYBOOK_LOADER_BUG: loading ok.yaml failed on a defect")
        .hasCauseInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void actionsAUserRegisteredLoadAndTheirKeysAreChecked() {
    StepKind ticket =
        new StepKind() {
          @Override
          public String action() {
            return "open_ticket";
          }

          @Override
          public Class<? extends StepSpec> specType() {
            return CustomSpec.class;
          }

          @Override
          public Set<String> parameters() {
            return Set.of("queue");
          }
        };
    PlaybookLoader loader =
        PlaybookLoader.builder()
            .stepKinds(StepKindRegistry.builder().register(ticket).build())
            .build();
    String ok = "playbook: p\nworkflow:\n  1_t: {action: open_ticket, queue: sre}\n";
    String typo = "playbook: p\nworkflow:\n  1_t:\n    action: open_ticket\n    queu: sre\n";

    Playbook p = loader.load("ok.yaml", ok, PlaybookFormat.YAML);
    assertThat(((CustomSpec) p.steps().get(0).spec()).params().get("queue").asString())
        .isEqualTo("sre");
    assertThatThrownBy(() -> loader.load("typo.yaml", typo, PlaybookFormat.YAML))
        .isInstanceOfSatisfying(
            PlaybookLoadException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .asString()
                    .isEqualTo(
                        "typo.yaml:5:11: /workflow/1_t/queu: unknown key 'queu' for action"
                            + " 'open_ticket' (did you mean 'queue'?); expected one of: action,"
                            + " queue"));
    assertThatThrownBy(() -> LOADER.load("ok.yaml", ok, PlaybookFormat.YAML))
        .hasMessageContaining("unknown action 'open_ticket'");
  }

  @Test
  void errorsComeInFileOrderWhateverPassFoundThem() {
    List<String> errors =
        errors(
            """
            {"playbook": "p",
             "workflow": {
               "1_a": {"action": "receive_alert", "sourcs": []},
               "2_b": {"action": "run_remediation", "timeout": "soon"},
               "3_c": {"action": "check_approval_required", "auto_approve_if": ["x ==="]}
             },
             "agnt": "x"}
            """,
            PlaybookFormat.JSON);

    assertThat(errors).extracting(e -> e.split(":")[1]).containsExactly("3", "4", "5", "7");
  }

  @Test
  void inputsDeclareTypedFactsAndVariables() {
    Playbook p =
        LOADER.load(
            "p.yaml",
            """
            playbook: p
            inputs:
              service: string
              max_pods: count(pods)
              min_pods: count:pods
            workflow:
              1_collect:
                action: gather_context
                sources:
                  - mcp: kubectl://get pods -n ${service}
              2_approve:
                action: check_approval_required
                auto_approve_if: [blast_radius < max_pods]
            """,
            PlaybookFormat.YAML);

    assertThat(p.inputs()).containsOnlyKeys("service", "max_pods", "min_pods");
    // Both spellings read the same type; the writer writes the canonical one, as policies do.
    assertThat(p.inputs().get("max_pods")).isEqualTo(p.inputs().get("min_pods"));
    assertThat(PlaybookWriter.toJson(p))
        .contains("\"max_pods\": \"count(pods)\"", "\"min_pods\": \"count(pods)\"");
    assertThat(
            errors(
                "playbook: p\ninputs: {n: count:days, m: count(hours)}\n"
                    + "workflow: {1_a: {action: receive_alert}}",
                PlaybookFormat.YAML))
        .containsExactly(
            "t:2:13: /inputs/n: 'days' is not a count unit: a word such as pods, and not a time"
                + " unit (use duration)",
            "t:2:28: /inputs/m: 'hours' is not a count unit: a word such as pods, and not a time"
                + " unit (use duration)");
  }
}
