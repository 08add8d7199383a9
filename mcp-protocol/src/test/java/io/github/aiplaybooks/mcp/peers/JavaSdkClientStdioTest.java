package io.github.aiplaybooks.mcp.peers;

import io.github.aiplaybooks.mcp.testing.TestServerMain;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.nio.file.Path;

/** The SDK's client starts our server ({@link TestServerMain}) in a child JVM, over stdio. */
class JavaSdkClientStdioTest extends JavaSdkClientContract {
  @Override
  protected McpClientTransport transport() {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new StdioClientTransport(
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args("-XX:TieredStopAtLevel=1", "-cp", classpath, TestServerMain.class.getName())
            .build(),
        McpJsonDefaults.getMapper());
  }
}
