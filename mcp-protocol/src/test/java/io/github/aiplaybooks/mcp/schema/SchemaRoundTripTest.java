package io.github.aiplaybooks.mcp.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Decodes the specification's example JSON as each type, encodes it again, compares the trees. */
class SchemaRoundTripTest {

  /** Numbers compare by value: {@code 50} read as a double is written back as {@code 50.0}. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("InitializeRequestParams.json", InitializeRequestParams.class),
        Arguments.of("InitializeResult.json", InitializeResult.class),
        Arguments.of("PaginatedRequestParams.json", PaginatedRequestParams.class),
        Arguments.of("ListToolsResult.json", ListToolsResult.class),
        Arguments.of("CallToolRequestParams.json", CallToolRequestParams.class),
        Arguments.of("CallToolResult.json", CallToolResult.class),
        Arguments.of("CallToolResult-error.json", CallToolResult.class),
        Arguments.of("ListResourcesResult.json", ListResourcesResult.class),
        Arguments.of("ReadResourceRequestParams.json", ReadResourceRequestParams.class),
        Arguments.of("ReadResourceResult.json", ReadResourceResult.class),
        Arguments.of("ListPromptsResult.json", ListPromptsResult.class),
        Arguments.of("GetPromptRequestParams.json", GetPromptRequestParams.class),
        Arguments.of("GetPromptResult.json", GetPromptResult.class),
        Arguments.of("SetLevelRequestParams.json", SetLevelRequestParams.class),
        Arguments.of(
            "LoggingMessageNotificationParams.json", LoggingMessageNotificationParams.class),
        Arguments.of("ProgressNotificationParams.json", ProgressNotificationParams.class),
        Arguments.of("ProgressNotificationParams-number.json", ProgressNotificationParams.class),
        Arguments.of("CancelledNotificationParams.json", CancelledNotificationParams.class),
        Arguments.of("ListRootsResult.json", ListRootsResult.class));
  }

  static JsonNode example(String file) throws IOException {
    try (InputStream in = SchemaRoundTripTest.class.getResourceAsStream("/spec-examples/" + file)) {
      assertThat(in).as(file).isNotNull();
      return McpJson.mapper().readTree(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void roundTripsTheSpecExample(String file, Class<?> type) throws IOException {
    JsonNode original = example(file);
    Object value = McpJson.read(original, type);
    JsonNode written = McpJson.write(value);
    assertThat(written.equals(NUMBERS_BY_VALUE, original))
        .as("%s%n  read:    %s%n  written: %s", type.getSimpleName(), original, written)
        .isTrue();
    // A second trip is exact: nothing drifts.
    assertThat(McpJson.write(McpJson.read(written, type))).isEqualTo(written);
  }

  @Test
  void readsTypedValuesOutOfTheExamples() throws IOException {
    CallToolResult result = McpJson.read(example("CallToolResult.json"), CallToolResult.class);
    assertThat(result.content())
        .hasExactlyElementsOfTypes(
            TextContent.class,
            ImageContent.class,
            AudioContent.class,
            ResourceLink.class,
            EmbeddedResource.class);
    assertThat(result.failed()).isFalse();
    assertThat(result.structuredContent().get("humidity").intValue()).isEqualTo(65);
    EmbeddedResource embedded = (EmbeddedResource) result.content().get(4);
    assertThat(embedded.resource()).isInstanceOf(TextResourceContents.class);
    assertThat(embedded.annotations().audience()).containsExactly(Role.USER, Role.ASSISTANT);

    ReadResourceResult read =
        McpJson.read(example("ReadResourceResult.json"), ReadResourceResult.class);
    assertThat(read.contents())
        .hasExactlyElementsOfTypes(TextResourceContents.class, BlobResourceContents.class);
    assertThat(read.contents().get(1).meta().get("k").intValue()).isEqualTo(1);

    ProgressNotificationParams p =
        McpJson.read(
            example("ProgressNotificationParams-number.json"), ProgressNotificationParams.class);
    assertThat(p.progressToken().isNumber()).isTrue();
    assertThat(p.total()).isNull();

    InitializeResult init = McpJson.read(example("InitializeResult.json"), InitializeResult.class);
    assertThat(init.meta().get("vendor/trace").stringValue()).isEqualTo("abc");
    assertThat(init.capabilities().tools().listChanged()).isTrue();
    assertThat(init.capabilities().logging()).isNotNull();
    assertThat(init.capabilities().completions()).isNull();
  }

  @Test
  void toolAnnotationsApplyTheSpecDefaults() throws IOException {
    ListToolsResult tools = McpJson.read(example("ListToolsResult.json"), ListToolsResult.class);
    ToolAnnotations none = tools.tools().get(0).effectiveAnnotations();
    assertThat(tools.tools().get(0).annotations()).isNull();
    assertThat(none.effectiveReadOnly()).isFalse();
    assertThat(none.effectiveDestructive()).isTrue();
    assertThat(none.effectiveIdempotent()).isFalse();
    assertThat(none.effectiveOpenWorld()).isTrue();

    ToolAnnotations readOnly = tools.tools().get(1).annotations();
    assertThat(readOnly.effectiveReadOnly()).isTrue();
    assertThat(readOnly.effectiveDestructive()).isFalse();
    assertThat(readOnly.destructiveHint()).isNull();

    ToolAnnotations additive = new ToolAnnotations(null, false, false, true, false);
    assertThat(additive.effectiveDestructive()).isFalse();
    assertThat(additive.effectiveIdempotent()).isTrue();
    assertThat(additive.effectiveOpenWorld()).isFalse();
  }

  @Test
  void ignoresUnknownMembersOutsideMeta() {
    JsonNode json =
        McpJson.mapper()
            .readTree(
                "{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"},\"futureField\":{\"x\":1}}");
    Tool tool = McpJson.read(json, Tool.class);
    assertThat(McpJson.write(tool).has("futureField")).isFalse();
  }

  @Test
  void missingRequiredMembersAreNamed() {
    JsonNode noName = McpJson.mapper().readTree("{\"inputSchema\":{\"type\":\"object\"}}");
    assertThatThrownBy(() -> McpJson.read(noName, Tool.class))
        .isInstanceOf(McpSchemaException.class)
        .hasMessageContaining("Tool.name");
    JsonNode badBlock =
        McpJson.mapper().readTree("{\"content\":[{\"type\":\"hologram\",\"text\":\"x\"}]}");
    assertThatThrownBy(() -> McpJson.read(badBlock, CallToolResult.class))
        .isInstanceOf(McpSchemaException.class)
        .hasMessageContaining("hologram")
        .hasMessageContaining("content");
    JsonNode wrongType = McpJson.mapper().readTree("{\"level\":\"loud\"}");
    assertThatThrownBy(() -> McpJson.read(wrongType, SetLevelRequestParams.class))
        .isInstanceOf(McpSchemaException.class)
        .hasMessageContaining("level");
  }

  @Test
  void protocolVersionsNegotiateByRevision() {
    assertThat(ProtocolVersion.parse("2025-06-18")).contains(ProtocolVersion.V2025_06_18);
    assertThat(ProtocolVersion.parse("1.0.0")).isEmpty();
    assertThat(ProtocolVersion.V2025_03_26.usesProtocolVersionHeader()).isFalse();
    assertThat(ProtocolVersion.V2025_06_18.supportsStructuredContent()).isTrue();
    assertThat(ProtocolVersion.V2024_11_05.supportsToolAnnotations()).isFalse();
    assertThat(ProtocolVersion.ids())
        .containsExactly("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
  }
}
