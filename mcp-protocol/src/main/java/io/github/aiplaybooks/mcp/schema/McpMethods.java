package io.github.aiplaybooks.mcp.schema;

/** The MCP method names this library sends or answers. */
public final class McpMethods {
  /** {@code initialize}: the first request of a session. */
  public static final String INITIALIZE = "initialize";

  /** {@code notifications/initialized}: the client is ready. */
  public static final String NOTIFICATION_INITIALIZED = "notifications/initialized";

  /** {@code ping}: either side checks the other is alive. */
  public static final String PING = "ping";

  /** {@code tools/list}. */
  public static final String TOOLS_LIST = "tools/list";

  /** {@code tools/call}. */
  public static final String TOOLS_CALL = "tools/call";

  /** {@code resources/list}. */
  public static final String RESOURCES_LIST = "resources/list";

  /** {@code resources/read}. */
  public static final String RESOURCES_READ = "resources/read";

  /** {@code prompts/list}. */
  public static final String PROMPTS_LIST = "prompts/list";

  /** {@code prompts/get}. */
  public static final String PROMPTS_GET = "prompts/get";

  /** {@code logging/setLevel}. */
  public static final String LOGGING_SET_LEVEL = "logging/setLevel";

  /** {@code roots/list}: a server asks the client for its roots. */
  public static final String ROOTS_LIST = "roots/list";

  /** {@code elicitation/create}: a server asks the user, through the client, for information. */
  public static final String ELICITATION_CREATE = "elicitation/create";

  /** {@code notifications/cancelled}. */
  public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";

  /** {@code notifications/progress}. */
  public static final String NOTIFICATION_PROGRESS = "notifications/progress";

  /** {@code notifications/message}: a log message from the server. */
  public static final String NOTIFICATION_MESSAGE = "notifications/message";

  /** {@code notifications/tools/list_changed}. */
  public static final String NOTIFICATION_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";

  /** {@code notifications/resources/list_changed}. */
  public static final String NOTIFICATION_RESOURCES_LIST_CHANGED =
      "notifications/resources/list_changed";

  /** {@code notifications/prompts/list_changed}. */
  public static final String NOTIFICATION_PROMPTS_LIST_CHANGED =
      "notifications/prompts/list_changed";

  /** {@code notifications/roots/list_changed}. */
  public static final String NOTIFICATION_ROOTS_LIST_CHANGED = "notifications/roots/list_changed";

  private static final java.util.Set<String> PREFIXES =
      java.util.Set.of(
          "tools/",
          "resources/",
          "prompts/",
          "notifications/",
          "logging/",
          "completion/",
          "roots/",
          "sampling/",
          "elicitation/",
          "tasks/");

  /**
   * Whether {@code method} is, or is in a namespace of, the MCP specification ({@code initialize},
   * {@code ping}, {@code tools/...}, {@code notifications/...} and so on).
   */
  public static boolean isMcpMethod(String method) {
    if (method.equals(INITIALIZE) || method.equals(PING)) {
      return true;
    }
    for (String prefix : PREFIXES) {
      if (method.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private McpMethods() {}
}
