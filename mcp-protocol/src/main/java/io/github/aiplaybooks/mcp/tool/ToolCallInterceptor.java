package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.schema.CallToolResult;

/**
 * Observes, changes or stops tool calls going through a {@link ToolRouter}: the place for policy
 * checks, audit, metrics.
 *
 * <p><b>Order.</b> Interceptors run in the order they were added to the router: the first added is
 * the outermost, sees the call first and the result last. After the last interceptor the router
 * verifies the tool's pinned definition and sends the call.
 *
 * <p><b>Contract.</b> An interceptor either calls {@link Chain#proceed(ToolCall)} exactly once and
 * returns (possibly changes) its result, or does not proceed at all (short-circuits) and returns
 * its own result or throws. Calling {@code proceed} twice, or returning {@code null}, fails the
 * call with a {@link io.github.aiplaybooks.CallerFaultException} (code {@code
 * INTERCEPTOR_CONTRACT}) naming the interceptor.
 *
 * <pre>{@code
 * ToolCallInterceptor audit = chain -> {
 *   ToolCall call = chain.request();
 *   log.info("calling {}", call);
 *   CallToolResult result = chain.proceed(call);
 *   log.info("{} -> error={}", call.toolName(), result.failed());
 *   return result;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ToolCallInterceptor {

  /** Handles one call. */
  CallToolResult intercept(Chain chain);

  /** The rest of the chain, as one interceptor sees it. */
  interface Chain {

    /** The call as it reached this interceptor. */
    ToolCall request();

    /** Passes {@code call} to the next interceptor (or the server) and returns its result. */
    CallToolResult proceed(ToolCall call);
  }
}
