package io.github.aiplaybooks.mcp.peers;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.client.StdioServerCommand;
import io.github.aiplaybooks.mcp.schema.McpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;

/**
 * Our client against the everything server over stdio: our transport starts {@code node
 * .../dist/index.js stdio} itself. A {@code tee} in front of the server's stdin records what the
 * peer received.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // the recording tee runs under sh
@RequiresPeers
class EverythingServerStdioTest extends EverythingServerContract {
  private McpClient client;
  private Path received;

  @BeforeAll
  void startPeer() throws IOException {
    Peers peers = Peers.require();
    received = Files.createTempFile(peers.logDir(), "everything-stdio-received-", ".jsonl");
    client =
        configure(
                McpClient.builder()
                    .name("everything-stdio")
                    .stdio(
                        StdioServerCommand.builder("sh")
                            .args(
                                "-c",
                                "tee -a \"$0\" | exec \"$1\" \"$2\" stdio",
                                received.toString(),
                                peers.node(),
                                peers.everythingServer().toString())
                            .build()))
            .connect();
  }

  @AfterAll
  void stopPeer() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected McpClient client() {
    return client;
  }

  @Override
  protected List<JsonNode> messagesReceivedByPeer() {
    try {
      return Files.readAllLines(received, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(line -> McpJson.mapper().readTree(line))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
