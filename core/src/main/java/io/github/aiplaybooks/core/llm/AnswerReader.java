package io.github.aiplaybooks.core.llm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a model's answer into a JSON object to validate, within size limits, without ever trusting
 * it: a text answer may hold the object bare, inside a Markdown code fence, or inside prose.
 */
final class AnswerReader {
  private static final Pattern FENCE =
      Pattern.compile("```[ \\t]*([A-Za-z0-9_-]*)[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  /** An answer read: either a value to validate, or the problems that stop it from being one. */
  record Candidate(JsonNode value, List<SchemaViolation> problems) {
    static Candidate of(JsonNode value) {
      return new Candidate(value, List.of());
    }

    static Candidate problem(String keyword, String message) {
      return new Candidate(null, List.of(new SchemaViolation("", keyword, message)));
    }
  }

  private final int maxAnswerChars;
  private final int maxDepth;
  private final int maxNodes;

  AnswerReader(int maxAnswerChars, int maxDepth, int maxNodes) {
    this.maxAnswerChars = maxAnswerChars;
    this.maxDepth = maxDepth;
    this.maxNodes = maxNodes;
  }

  /** Reads a JSON object out of a text answer. */
  Candidate fromText(String text) {
    if (text.length() > maxAnswerChars) {
      return Candidate.problem(
          "limit",
          "the answer is " + text.length() + " characters, over the limit of " + maxAnswerChars);
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return Candidate.problem("json", "the answer is empty; a JSON object is required");
    }
    String json = null;
    Matcher fence = FENCE.matcher(trimmed);
    while (fence.find()) {
      String body = fence.group(2).strip();
      if (body.startsWith("{")) {
        json = body;
        break;
      }
    }
    if (json == null) {
      if (trimmed.startsWith("{")) {
        json = trimmed;
      } else {
        int first = trimmed.indexOf('{');
        int last = trimmed.lastIndexOf('}');
        if (first < 0 || last < first) {
          return Candidate.problem("json", "the answer holds no JSON object");
        }
        json = trimmed.substring(first, last + 1);
      }
    }
    JsonNode node;
    try {
      node = LlmJson.mapper().readTree(json);
    } catch (JacksonException e) {
      String detail = e.getOriginalMessage();
      if (detail != null && detail.length() > 200) {
        detail = detail.substring(0, 200) + "...";
      }
      return Candidate.problem("json", "the answer is not valid JSON: " + detail);
    }
    return fromValue(node);
  }

  /** Checks a value (a tool call's input, or parsed text) is an object within the limits. */
  Candidate fromValue(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Candidate.problem(
          "type",
          "the answer must be a JSON object, was "
              + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
    }
    String overLimit = checkLimits(node);
    if (overLimit != null) {
      return Candidate.problem("limit", overLimit);
    }
    return Candidate.of(node);
  }

  /** Whether {@code node} (any JSON value) is within the size limits. */
  boolean withinLimits(JsonNode node) {
    return checkLimits(node) == null;
  }

  /**
   * The first limit {@code root} breaks, or {@code null}. Iterative: deep input cannot overflow.
   */
  private String checkLimits(JsonNode root) {
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    int count = 0;
    long chars = 0;
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int depth = depths.pop();
      if (++count > maxNodes) {
        return "the answer has more than " + maxNodes + " JSON values";
      }
      if (depth > maxDepth) {
        return "the answer nests deeper than " + maxDepth + " levels";
      }
      if (node.isString()) {
        chars += node.stringValue().length();
      } else if (node.isObject()) {
        for (var entry : node.properties()) {
          chars += entry.getKey().length();
          nodes.push(entry.getValue());
          depths.push(depth + 1);
        }
      } else if (node.isArray()) {
        for (JsonNode element : node) {
          nodes.push(element);
          depths.push(depth + 1);
        }
      } else {
        chars += 8;
      }
      if (chars > maxAnswerChars) {
        return "the answer holds more than " + maxAnswerChars + " characters";
      }
    }
    return null;
  }
}
