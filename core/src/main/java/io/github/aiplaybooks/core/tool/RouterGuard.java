package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.mcp.tool.ToolCall;
import io.github.aiplaybooks.mcp.tool.ToolCallInterceptor;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy gate as a {@link ToolCallInterceptor}: a call of a tool that changes something passes
 * only when the thread making it holds a pass for exactly that tool and those arguments, which
 * {@link McpToolProvider} grants for the length of a call made under an open {@link
 * MutationPermit}. Every other mutating call through the router is refused, so even a host's direct
 * call is checked.
 */
final class RouterGuard {
  private record Pass(String tool, ObjectNode arguments, MutationPermit permit) {}

  private static final ThreadLocal<Pass> PASS = new ThreadLocal<>();

  private RouterGuard() {}

  /** Runs {@code call} with a pass for {@code tool} with {@code arguments}. */
  static <T> T withPass(
      String tool, ObjectNode arguments, MutationPermit permit, Supplier<T> call) {
    Pass previous = PASS.get();
    PASS.set(new Pass(tool, arguments.deepCopy(), permit));
    try {
      return call.get();
    } finally {
      if (previous == null) {
        PASS.remove();
      } else {
        PASS.set(previous);
      }
    }
  }

  /** The interceptor; {@code effectOf} says what a call does (fail closed: DESTRUCTIVE). */
  static ToolCallInterceptor interceptor(Function<ToolCall, Effect> effectOf) {
    return chain -> {
      ToolCall call = chain.request();
      Effect effect;
      try {
        effect = effectOf.apply(call);
      } catch (RuntimeException e) {
        effect = Effect.DESTRUCTIVE;
      }
      if (effect == Effect.READ) {
        return chain.proceed(call);
      }
      Pass pass = PASS.get();
      if (pass != null
          && pass.permit.isOpen()
          && pass.tool.equals(call.toolName())
          && pass.arguments.equals(call.arguments())) {
        return chain.proceed(call);
      }
      throw new MutationNotPermittedException(
          MutationNotPermittedException.OUTSIDE_GATE,
          "Tool "
              + call.toolName()
              + " on server "
              + call.server()
              + " changes the system ("
              + effect
              + ") and was called "
              + (pass == null
                  ? "outside the policy gate"
                  : "with arguments other than the permitted ones")
              + ": every mutation needs a policy decision, through MutationGate.execute");
    };
  }
}
