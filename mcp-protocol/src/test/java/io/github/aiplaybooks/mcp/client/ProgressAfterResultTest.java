package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.testing.ScriptedMcpPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Progress that reaches the client after the request's result (as from a Streamable HTTP server
 * that answers with one JSON body and sends progress on its GET stream) still reaches the request's
 * listener, however late; only a bounded number of finished requests keep their listeners. The peer
 * is scripted so the test decides when the late progress is sent; a ping after it marks the moment
 * the client has handled it, since the client handles what it reads in order.
 */
class ProgressAfterResultTest {
  private final ScriptedMcpPeer peer =
      ScriptedMcpPeer.start(
          request ->
              ScriptedMcpPeer.result(
                  request,
                  request.get("method").asString().equals("tools/call")
                      ? "{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}"
                      : "{}"));
  private final McpClient client = peer.clientBuilder().connect();

  @AfterEach
  void close() {
    client.close();
    peer.close();
  }

  /** Calls a tool with a listener that records into {@code seen}; returns the progress token. */
  private JsonNode callWithListener(List<ProgressNotificationParams> seen) {
    CallToolResult result =
        client.callTool(
            CallToolRequestParams.of("work", json("{}")),
            CallOptions.builder().progressListener(seen::add).build());
    assertThat(result.joinedText()).isEqualTo("done");
    List<JsonNode> sent = peer.received();
    JsonNode call = sent.get(sent.size() - 1);
    assertThat(call.path("method").asString()).isEqualTo("tools/call");
    return call.path("params").path("_meta").get("progressToken");
  }

  private void sendProgressAndWaitUntilHandled(JsonNode token, double progress) {
    peer.send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
            + token
            + ",\"progress\":"
            + progress
            + "}}");
    // Answered after the progress was read, so it was handled before this returns.
    client.ping();
  }

  @Test
  void progressThatComesAfterTheResultStillReachesTheListener() {
    List<ProgressNotificationParams> first = new CopyOnWriteArrayList<>();
    JsonNode firstToken = callWithListener(first);
    List<ProgressNotificationParams> second = new CopyOnWriteArrayList<>();
    JsonNode secondToken = callWithListener(second);

    sendProgressAndWaitUntilHandled(firstToken, 1);
    sendProgressAndWaitUntilHandled(secondToken, 2);
    sendProgressAndWaitUntilHandled(firstToken, 3);

    assertThat(first).extracting(ProgressNotificationParams::progress).containsExactly(1.0, 3.0);
    assertThat(second).extracting(ProgressNotificationParams::progress).containsExactly(2.0);
  }

  @Test
  void onlyTheMostRecentlyFinishedRequestsKeepTheirListeners() {
    List<List<ProgressNotificationParams>> seen = new ArrayList<>();
    List<JsonNode> tokens = new ArrayList<>();
    for (int i = 0; i <= DefaultMcpClient.FINISHED_PROGRESS_LISTENERS; i++) {
      List<ProgressNotificationParams> s = new CopyOnWriteArrayList<>();
      seen.add(s);
      tokens.add(callWithListener(s));
    }
    for (JsonNode token : tokens) {
      sendProgressAndWaitUntilHandled(token, 1);
    }
    assertThat(seen.get(0)).as("the oldest finished request's listener").isEmpty();
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).as("listener %d", i).hasSize(1);
    }
  }

  @Test
  void progressForATokenTheClientNeverGaveIsIgnored() {
    List<ProgressNotificationParams> seen = new CopyOnWriteArrayList<>();
    callWithListener(seen);
    sendProgressAndWaitUntilHandled(json("{\"t\":\"unknown-token\"}").get("t"), 1);
    assertThat(seen).isEmpty();
    assertThat(client.callTool("work", json("{}")).joinedText()).isEqualTo("done");
  }
}
