package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.testing.TestServerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server running as a real child process, over stdio. */
class StdioClientServerTest extends ClientServerContract {

  static StdioServerCommand serverCommand() {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return StdioServerCommand.builder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .args(
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            TestServerMain.class.getName())
        .build();
  }

  @Override
  protected McpClient.Builder newClientBuilder() {
    return McpClient.builder().name("test-tools-process").stdio(serverCommand());
  }

  @Override
  protected int extraTools() {
    return 1; // crash
  }

  @Test
  void theDeathOfTheServerProcessFailsEveryPendingCallNamingItsExitCode() {
    McpClient client = connect();
    List<CompletableFuture<CallToolResult>> pending =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    client.callToolAsync(
                        CallToolRequestParams.of("wait_for_cancel", null), CallOptions.defaults()))
            .toList();
    client.ping(); // the five calls have reached the server
    CompletableFuture<CallToolResult> crash =
        client.callToolAsync(
            CallToolRequestParams.of("crash", json("{\"code\":7}")), CallOptions.defaults());
    for (CompletableFuture<CallToolResult> call :
        java.util.stream.Stream.concat(pending.stream(), java.util.stream.Stream.of(crash))
            .toList()) {
      CompletionException e = catchThrowableOfType(CompletionException.class, call::join);
      assertThat(e.getCause()).isInstanceOf(McpTransportException.class);
      McpTransportException cause = (McpTransportException) e.getCause();
      assertThat(cause.code()).isEqualTo("MCP_PROCESS_EXITED");
      assertThat(cause.getMessage()).contains("exited with code 7").contains("TestServerMain");
      assertThat(cause.remote()).isEqualTo("mcp:test-tools-process");
      assertThat(cause.retryable()).isTrue();
    }
    McpTransportException later = catchThrowableOfType(McpTransportException.class, client::ping);
    assertThat(later.code()).isEqualTo("MCP_PROCESS_EXITED");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void closingEndsEveryProcessTheServerCommandStarted(@TempDir Path dir) throws Exception {
    // Found against the everything server started through a wrapper: after close, a child that
    // ignores stdin EOF was left running, orphaned, once the wrapper was terminated.
    Path pidFile = dir.resolve("child.pid");
    StdioServerCommand java = serverCommand();
    StdioServerCommand wrapped =
        StdioServerCommand.builder("sh")
            .args(
                "-c", "sleep 600 & echo $! > \"$1\"; shift; exec \"$@\"", "sh", pidFile.toString())
            .args(java.commandLine())
            .build();
    McpClient client = McpClient.builder().name("wrapped").stdio(wrapped).connect();
    long childPid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).contains(true);

    client.close();

    assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive))
        .as("the sleep the wrapper started")
        .isEmpty();
  }

  @Test
  void aCommandThatCannotStartIsATypedError() {
    McpClient client =
        McpClient.builder()
            .stdio(StdioServerCommand.builder("/nonexistent/mcp-server").args("stdio").build())
            .build();
    McpTransportException e = catchThrowableOfType(McpTransportException.class, client::connect);
    assertThat(e.code()).isEqualTo("MCP_PROCESS_START_FAILED");
    assertThat(e.getMessage()).contains("/nonexistent/mcp-server stdio");
    client.close();
  }
}
