package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlaybookSchemaTest {

  @Test
  void theSchemaPublishedInTheRepositoryIsTheOneInTheJar() throws IOException {
    Path published = SeedPlaybooksTest.repositoryRoot().resolve("docs/playbook.schema.json");

    assertThat(Files.readString(published, StandardCharsets.UTF_8))
        .isEqualTo(PlaybookSchema.text());
  }

  @Test
  void theSchemaIdIsAStableIdentifierNotAFileInTheRepository() {
    JsonNode schema = PlaybookSchema.tree();

    assertThat(schema.get("$id").asString())
        .isEqualTo("https://aiplaybooks.github.io/schemas/playbook/v1.json");
    assertThat(schema.get("$comment").asString()).contains("not a download location");
  }

  @Test
  void xKeysAreAllowedWhereverTheLoaderKeepsThem() {
    JsonNode schema = PlaybookSchema.tree();

    assertThat(schema.at("/patternProperties").has("^x-")).isTrue();
    assertThat(schema.at("/$defs/routing/patternProperties").has("^x-")).isTrue();
    assertThat(schema.at("/$defs/route/patternProperties").has("^x-")).isTrue();
    for (JsonNode branch : schema.at("/$defs/trigger/allOf")) {
      assertThat(branch.at("/then/patternProperties").has("^x-")).isTrue();
    }
  }

  @Test
  void theSchemaIsDraft2020And12AndNamesEveryBuiltInActionOnce() {
    JsonNode schema = PlaybookSchema.tree();
    assertThat(schema.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");

    Set<String> actions = new TreeSet<>();
    for (JsonNode branch : schema.at("/$defs/step/allOf")) {
      JsonNode action = branch.at("/if/properties/action");
      if (action.has("const")) {
        assertThat(actions.add(action.get("const").asString())).isTrue();
      } else {
        action.get("enum").forEach(a -> assertThat(actions.add(a.asString())).isTrue());
      }
    }
    assertThat(actions).isEqualTo(StepKindRegistry.builtIns().actions());
  }

  @Test
  void eachActionTakesInTheSchemaExactlyTheParametersOfItsKind() {
    JsonNode schema = PlaybookSchema.tree();
    StepKindRegistry kinds = StepKindRegistry.builtIns();
    for (JsonNode branch : schema.at("/$defs/step/allOf")) {
      String ref = branch.at("/then/$ref").asString();
      JsonNode kind = schema.at(ref.substring(1));
      Set<String> params = new HashSet<>(kind.get("properties").propertyNames());
      params.remove("action");
      JsonNode action = branch.at("/if/properties/action");
      Iterable<JsonNode> names =
          action.has("const") ? Set.of(action.get("const")) : action.get("enum");
      for (JsonNode name : names) {
        assertThat(params).as(name.asString()).isEqualTo(kinds.kind(name.asString()).parameters());
      }
      assertThat(kind.get("additionalProperties").asBoolean()).isFalse();
    }
  }

  @Test
  void theSeedsJsonIsValidForTheSchemaOnItsOwn() {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(PlaybookSchema.text());
    for (String name : SeedPlaybooks.NAMES) {
      assertThat(schema.validate(LocatedTree.JSON.readTree(SeedPlaybooks.json(name))))
          .as(name)
          .isEmpty();
      assertThat(schema.validate(PlaybookWriter.toTree(SeedPlaybooks.load(name))))
          .as("written " + name)
          .isEmpty();
    }
  }
}
