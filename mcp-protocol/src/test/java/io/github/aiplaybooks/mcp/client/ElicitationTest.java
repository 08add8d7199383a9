package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.schema.ElicitRequestParams;
import io.github.aiplaybooks.mcp.schema.ElicitResult;
import io.github.aiplaybooks.mcp.testing.ScriptedMcpPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client answers a server's {@code elicitation/create} through its {@link ElicitationHandler}.
 */
class ElicitationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"name\":{\"type\":\"string\",\"default\":\"John Doe\"},"
          + "\"age\":{\"type\":\"integer\",\"minimum\":0,\"default\":30},"
          + "\"score\":{\"type\":\"number\",\"default\":95.5},"
          + "\"status\":{\"type\":\"string\",\"enum\":[\"active\",\"inactive\"],\"default\":\"active\"},"
          + "\"verified\":{\"type\":\"boolean\",\"default\":true},"
          + "\"reason\":{\"type\":\"string\"}},"
          + "\"required\":[\"reason\"]}";

  private final ScriptedMcpPeer peer =
      ScriptedMcpPeer.start(request -> ScriptedMcpPeer.result(request, "{}"));
  private final List<ElicitRequestParams> asked = new CopyOnWriteArrayList<>();
  private McpClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    peer.close();
  }

  private void connect(ElicitationHandler handler) {
    client =
        peer.clientBuilder()
            .onElicitation(
                request -> {
                  asked.add(request);
                  return handler.elicit(request);
                })
            .connect();
  }

  private JsonNode elicit(String id, String params) {
    peer.send(
        "{\"jsonrpc\":\"2.0\",\"id\":\""
            + id
            + "\",\"method\":\"elicitation/create\",\"params\":"
            + params
            + "}");
    return peer.awaitReceived(m -> m.path("id").asString("").equals(id), WAIT);
  }

  private static String form(String message) {
    return "{\"message\":\"" + message + "\",\"requestedSchema\":" + SCHEMA + "}";
  }

  @Test
  void declaresFormElicitationWhenGivenAHandler() {
    connect(request -> ElicitResult.decline());
    JsonNode init =
        peer.awaitReceived(m -> m.path("method").asString("").equals("initialize"), WAIT);
    assertThat(init.path("params").path("capabilities").path("elicitation"))
        .isEqualTo(json("{\"form\":{}}"));
  }

  @Test
  void fillsInTheDefaultsOfMembersTheUserLeftOut() {
    connect(request -> ElicitResult.accept(json("{\"reason\":\"disk full\",\"age\":41}")));
    JsonNode answer = elicit("e1", form("Why restart?"));
    assertThat(answer.path("result"))
        .isEqualTo(
            json(
                "{\"action\":\"accept\",\"content\":{\"reason\":\"disk full\",\"age\":41,"
                    + "\"name\":\"John Doe\",\"score\":95.5,\"status\":\"active\",\"verified\":true}}"));
    assertThat(asked)
        .singleElement()
        .satisfies(r -> assertThat(r.message()).isEqualTo("Why restart?"));
    assertThat(asked.get(0).requestedSchema()).isEqualTo(json(SCHEMA));
  }

  @Test
  void aDeclineIsSentWithoutContent() {
    connect(request -> ElicitResult.decline());
    assertThat(elicit("e2", form("Restart?")).path("result"))
        .isEqualTo(json("{\"action\":\"decline\"}"));
  }

  @Test
  void contentThatBreaksTheSchemaIsNotSent() {
    connect(request -> ElicitResult.accept(json("{\"reason\":\"x\",\"age\":-3}")));
    JsonNode answer = elicit("e3", form("Restart?"));
    assertThat(answer.has("result")).isFalse();
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(answer.path("error").path("message").asString())
        .contains("does not satisfy the requestedSchema")
        .contains("/age");
  }

  @Test
  void aFailingHandlerIsAnInternalError() {
    connect(
        request -> {
          throw new IllegalStateException("nobody at the console");
        });
    JsonNode answer = elicit("e4", form("Restart?"));
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(answer.path("error").path("message").asString()).contains("nobody at the console");
  }

  @Test
  void urlModeAndMissingSchemasAreInvalidParams() {
    connect(request -> ElicitResult.decline());
    JsonNode url =
        elicit(
            "e5",
            "{\"mode\":\"url\",\"message\":\"Log in\",\"url\":\"https://example.com\",\"elicitationId\":\"x\"}");
    assertThat(url.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(url.path("error").path("message").asString()).contains("form-mode");
    JsonNode noSchema = elicit("e6", "{\"message\":\"Restart?\"}");
    assertThat(noSchema.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(asked).isEmpty();
  }

  @Test
  void withoutAHandlerTheRequestIsMethodNotFound() {
    client = peer.clientBuilder().connect();
    JsonNode init =
        peer.awaitReceived(m -> m.path("method").asString("").equals("initialize"), WAIT);
    assertThat(init.path("params").path("capabilities").has("elicitation")).isFalse();
    assertThat(elicit("e7", form("Restart?")).path("error").path("code").asInt()).isEqualTo(-32601);
  }

  @Test
  void aRequestTheServerCancelsInterruptsTheHandlerAndIsNotAnswered() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    connect(
        request -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return ElicitResult.decline();
        });
    peer.send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"e8\",\"method\":\"elicitation/create\",\"params\":"
            + form("Restart?")
            + "}");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    peer.send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"e8\"}}");
    assertThat(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // A request after the cancellation is answered; the cancelled one never is.
    JsonNode later = elicit("e9", "{\"message\":\"no schema\"}");
    assertThat(later.path("error").path("code").asInt()).isEqualTo(-32602);
    client.ping();
    assertThat(peer.received()).noneMatch(m -> m.path("id").asString("").equals("e8"));
  }
}
