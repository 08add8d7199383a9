package io.github.aiplaybooks.core.llm;

/**
 * Receives a streamed answer piece by piece (Converse's {@code ConverseStream} events, reduced to
 * what a caller acts on). Every method has an empty default.
 *
 * <pre>{@code
 * llm.converseStream(request, new LlmStreamListener() {
 *   public void onText(String delta) { System.out.print(delta); }
 * });
 * }</pre>
 */
public interface LlmStreamListener {

  /** More text of the answer. */
  default void onText(String delta) {}

  /** A complete tool call the model asks for. */
  default void onToolUse(ContentBlock.ToolUse toolUse) {}

  /** The answer is complete; {@code response} is what {@code converse} would have returned. */
  default void onComplete(LlmResponse response) {}
}
