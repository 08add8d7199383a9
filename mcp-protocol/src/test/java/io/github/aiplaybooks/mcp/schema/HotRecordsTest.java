package io.github.aiplaybooks.mcp.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hand-written conversions of the hot records give exactly what data binding gives: the same
 * records from the same trees, the same trees from the same records, and the same errors (they
 * leave anything unusual to data binding).
 */
class HotRecordsTest {
  private static final JsonMapper MAPPER = McpJson.mapper();

  @Test
  void theyKnowEveryMemberOfTheRecords() {
    // A member added to a record must be added to HotRecords too, or it would be dropped.
    for (var entry : HotRecords.members().entrySet()) {
      List<String> names = new ArrayList<>();
      for (RecordComponent c : entry.getKey().getRecordComponents()) {
        names.add(
            c.getAccessor().getAnnotation(JsonProperty.class) != null
                ? c.getAccessor().getAnnotation(JsonProperty.class).value()
                : c.getAnnotation(JsonProperty.class) != null
                    ? c.getAnnotation(JsonProperty.class).value()
                    : c.getName());
      }
      if (entry.getKey() == TextContent.class) {
        names.add(0, "type"); // written by ContentBlock's type id
      }
      assertThat(names)
          .as("members of %s", entry.getKey().getSimpleName())
          .isEqualTo(entry.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"kubectl_get\",\"arguments\":{\"resource\":\"pods\",\"n\":[1,{\"a\":null}]}}",
        "{\"name\":\"x\"}",
        "{\"name\":\"x\",\"arguments\":{},\"_meta\":{\"progressToken\":7},\"task\":{\"ttl\":5},\"extra\":1}",
        "{\"name\":7}",
        "{\"name\":null}",
        "{\"arguments\":{}}",
        "{\"name\":\"x\",\"arguments\":null}",
        "{\"name\":\"x\",\"arguments\":[1]}",
        "{\"name\":\"x\",\"_meta\":\"m\"}"
      })
  void readsToolCallParamsAsDataBindingDoes(String json) {
    assertSameRead((ObjectNode) MAPPER.readTree(json), CallToolRequestParams.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"content\":[{\"type\":\"text\",\"text\":\"3 pods\"}]}",
        "{\"content\":[]}",
        "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"_meta\":{\"k\":1}},{\"text\":\"b\",\"type\":\"text\"}],\"isError\":true,\"structuredContent\":{\"n\":3},\"_meta\":{}}",
        "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"annotations\":{\"priority\":0.5}}]}",
        "{\"content\":[{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}]}",
        "{\"content\":[{\"type\":\"text\"}]}",
        "{\"content\":[{\"type\":\"text\",\"text\":5}]}",
        "{\"content\":[{\"type\":\"mystery\",\"text\":\"x\"}]}",
        "{\"content\":{}}",
        "{}",
        "{\"content\":[],\"isError\":\"yes\"}",
        "{\"content\":[],\"isError\":null}",
        "{\"content\":[],\"structuredContent\":[1,2]}",
        "{\"content\":[\"text\"]}"
      })
  void readsToolResultsAsDataBindingDoes(String json) {
    assertSameRead((ObjectNode) MAPPER.readTree(json), CallToolResult.class);
  }

  private static <T> void assertSameRead(ObjectNode tree, Class<T> type) {
    Object expected;
    try {
      expected = MAPPER.treeToValue(tree, type);
    } catch (RuntimeException e) {
      expected = null;
    }
    if (expected == null) {
      // Data binding refuses it: the hand-written path must leave it to data binding, so the
      // error is data binding's.
      assertThat(HotRecords.read(tree, type)).as("hand-written reading of %s", tree).isNull();
      assertThat(catchSchemaError(() -> McpJson.read(tree, type))).isNotNull();
      return;
    }
    assertThat(McpJson.read(tree, type)).isEqualTo(expected);
  }

  private static McpSchemaException catchSchemaError(Runnable r) {
    try {
      r.run();
      return null;
    } catch (McpSchemaException e) {
      return e;
    }
  }

  @Property(tries = 300)
  void writesAndReadsToolResultsAsDataBindingDoes(@ForAll("results") CallToolResult result) {
    JsonNode byDataBinding = MAPPER.valueToTree(result);
    ObjectNode byHand = McpJson.write(result);
    assertThat(byHand).isEqualTo(byDataBinding);
    assertThat(McpJson.read(byHand, CallToolResult.class))
        .isEqualTo(MAPPER.treeToValue(byDataBinding, CallToolResult.class))
        .isEqualTo(result);
  }

  @Property(tries = 300)
  void writesAndReadsToolCallParamsAsDataBindingDoes(
      @ForAll("params") CallToolRequestParams params) {
    JsonNode byDataBinding = MAPPER.valueToTree(params);
    ObjectNode byHand = McpJson.write(params);
    assertThat(byHand).isEqualTo(byDataBinding);
    assertThat(McpJson.read(byHand, CallToolRequestParams.class)).isEqualTo(params);
  }

  @Test
  void theRecordsDoNotShareNodesWithTheTrees() {
    ObjectNode tree =
        (ObjectNode) MAPPER.readTree("{\"name\":\"x\",\"arguments\":{\"ns\":\"default\"}}");
    CallToolRequestParams params = McpJson.read(tree, CallToolRequestParams.class);
    ((ObjectNode) tree.get("arguments")).put("ns", "kube-system");
    assertThat(params.arguments().get("ns").asString()).isEqualTo("default");
    ObjectNode written = McpJson.write(params);
    ((ObjectNode) written.get("arguments")).put("ns", "prod");
    assertThat(params.arguments().get("ns").asString()).isEqualTo("default");
  }

  @Provide
  Arbitrary<CallToolResult> results() {
    Arbitrary<ContentBlock> block =
        Combinators.combine(text(), meta().injectNull(0.7))
            .as((t, m) -> (ContentBlock) new TextContent(t, null, m));
    Arbitrary<ContentBlock> annotated =
        text()
            .map(
                t ->
                    (ContentBlock)
                        new TextContent(t, new Annotations(List.of(Role.USER), 0.5, null), null));
    Arbitrary<ContentBlock> image =
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .map(d -> (ContentBlock) new ImageContent(d, "image/png", null, null));
    Arbitrary<List<ContentBlock>> content =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, block),
                net.jqwik.api.Tuple.of(1, annotated),
                net.jqwik.api.Tuple.of(1, image))
            .list()
            .ofMaxSize(4);
    return Combinators.combine(
            content,
            meta().injectNull(0.5),
            Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.5),
            meta().injectNull(0.7))
        .as(CallToolResult::new);
  }

  @Provide
  Arbitrary<CallToolRequestParams> params() {
    return Combinators.combine(
            text(), meta().injectNull(0.2), meta().injectNull(0.8), meta().injectNull(0.6))
        .as(CallToolRequestParams::new);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  private static Arbitrary<ObjectNode> meta() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            text(),
            Arbitraries.integers())
        .as(
            (k, v, n) -> {
              ObjectNode o = MAPPER.createObjectNode();
              o.put(k, v);
              o.putObject("nested").put("n", n).putArray("list").add(v).addNull();
              return o;
            });
  }
}
