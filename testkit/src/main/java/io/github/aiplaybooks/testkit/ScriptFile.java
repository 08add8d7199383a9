package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.StopReason;
import io.github.aiplaybooks.core.llm.SystemPrompt;
import io.github.aiplaybooks.core.llm.TokenUsage;
import io.github.aiplaybooks.core.llm.ToolSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads the JSON script format of {@link ScriptedLlm} (see the testkit README). */
final class ScriptFile {
  private static final Set<String> ANSWER_MEMBERS =
      Set.of("step", "match", "text", "json", "tool_use", "error", "times", "usage", "stop_reason");
  private static final Set<String> MATCH_MEMBERS =
      Set.of("last_user_text_contains", "system_contains", "model_id", "offers_tool", "any");

  private ScriptFile() {}

  static ScriptedLlm load(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw invalid(file.toString(), "", "does not exist");
    } catch (IOException e) {
      throw new ScriptedLlmException(
          "SCRIPTED_LLM_SCRIPT_INVALID", "Cannot read LLM script " + file + ": " + e, e);
    }
    return parse(json, file.toString());
  }

  static ScriptedLlm parse(String json, String source) {
    JsonNode root;
    try {
      root = LlmJson.mapper().readTree(json);
    } catch (JacksonException e) {
      tools.jackson.core.TokenStreamLocation loc = e.getLocation();
      throw invalid(
          source,
          "",
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (loc == null || loc.getLineNr() < 1
                  ? ""
                  : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw invalid(source, "", "must be a JSON object with an \"answers\" array");
    }
    for (String name : root.propertyNames()) {
      if (!name.equals("answers") && !name.equals("description")) {
        throw invalid(source, "/" + name, "is not a known member (answers, description)");
      }
    }
    JsonNode answers = root.get("answers");
    if (answers == null || !answers.isArray()) {
      throw invalid(source, "/answers", "must be an array");
    }
    ScriptedLlm.Builder b = ScriptedLlm.builder();
    int i = 0;
    for (JsonNode a : answers) {
      read(b, a, source, "/answers/" + i);
      i++;
    }
    return b.build();
  }

  private static void read(ScriptedLlm.Builder b, JsonNode a, String source, String at) {
    if (!a.isObject()) {
      throw invalid(source, at, "must be an object");
    }
    for (String name : a.propertyNames()) {
      if (!ANSWER_MEMBERS.contains(name)) {
        throw invalid(source, at + "/" + name, "is not a known member " + sorted(ANSWER_MEMBERS));
      }
    }
    ScriptedAnswer answer = answer(a, source, at);
    if (a.has("times")) {
      JsonNode times = a.get("times");
      if (!times.isIntegralNumber() || times.asInt() < 1) {
        throw invalid(source, at + "/times", "must be an integer of at least 1");
      }
      answer = answer.times(times.asInt());
    }
    if (a.has("usage")) {
      JsonNode u = a.get("usage");
      JsonNode in = u.get("input_tokens");
      JsonNode out = u.get("output_tokens");
      if (!u.isObject()
          || in == null
          || out == null
          || !in.canConvertToLong()
          || !out.canConvertToLong()
          || in.asLong() < 0
          || out.asLong() < 0) {
        throw invalid(source, at + "/usage", "must be {\"input_tokens\": n, \"output_tokens\": n}");
      }
      answer = answer.usage(TokenUsage.of(in.asLong(), out.asLong()));
    }
    if (a.has("stop_reason")) {
      String wire = a.get("stop_reason").asString();
      StopReason reason = null;
      for (StopReason r : StopReason.values()) {
        if (r.wire().equals(wire)) {
          reason = r;
        }
      }
      if (reason == null) {
        throw invalid(source, at + "/stop_reason", "'" + wire + "' is not a Converse stop reason");
      }
      answer = answer.stopReason(reason);
    }
    boolean hasStep = a.has("step");
    boolean hasMatch = a.has("match");
    if (hasStep == hasMatch) {
      throw invalid(source, at, "needs exactly one of \"step\" and \"match\"");
    }
    if (hasStep) {
      JsonNode step = a.get("step");
      if (!step.isString() || step.asString().isBlank()) {
        throw invalid(source, at + "/step", "must be a step name");
      }
      b.onStep(step.asString(), answer);
    } else {
      b.when(describe(a.get("match")), matcher(a.get("match"), source, at + "/match"), answer);
    }
  }

  private static ScriptedAnswer answer(JsonNode a, String source, String at) {
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("text", "json", "tool_use", "error")) {
      if (a.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw invalid(
          source,
          at,
          "needs exactly one of \"text\", \"json\", \"tool_use\", \"error\"; has " + kinds);
    }
    switch (kinds.get(0)) {
      case "text":
        if (!a.get("text").isString()) {
          throw invalid(source, at + "/text", "must be a string");
        }
        return ScriptedAnswer.text(a.get("text").asString());
      case "json":
        if (!a.get("json").isObject()) {
          throw invalid(source, at + "/json", "must be a JSON object");
        }
        return ScriptedAnswer.json(a.get("json"));
      case "tool_use":
        JsonNode use = a.get("tool_use");
        if (!use.isObject() || !use.path("name").isString() || !use.has("input")) {
          throw invalid(source, at + "/tool_use", "must be {\"name\": \"...\", \"input\": {...}}");
        }
        return ScriptedAnswer.toolUse(use.get("name").asString(), use.get("input"));
      default:
        String kind = a.get("error").asString("");
        if (kind.equals("guardrail")) {
          return ScriptedAnswer.guardrail();
        }
        try {
          return ScriptedAnswer.failure(LlmFailure.Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw invalid(
              source,
              at + "/error",
              "'"
                  + kind
                  + "' is not one of throttled, unavailable, timeout, refused, guardrail,"
                  + " invalid_request");
        }
    }
  }

  private static Predicate<LlmRequest> matcher(JsonNode m, String source, String at) {
    if (m == null || !m.isObject() || m.isEmpty()) {
      throw invalid(source, at, "must be a non-empty object " + sorted(MATCH_MEMBERS));
    }
    List<Predicate<LlmRequest>> all = new ArrayList<>();
    for (String name : m.propertyNames()) {
      if (!MATCH_MEMBERS.contains(name)) {
        throw invalid(source, at + "/" + name, "is not a known matcher " + sorted(MATCH_MEMBERS));
      }
      JsonNode v = m.get(name);
      if (name.equals("any")) {
        if (!v.isBoolean() || !v.booleanValue()) {
          throw invalid(source, at + "/any", "must be true");
        }
        continue;
      }
      if (!v.isString()) {
        throw invalid(source, at + "/" + name, "must be a string");
      }
      String s = v.asString();
      switch (name) {
        case "last_user_text_contains":
          all.add(r -> r.lastUserText().contains(s));
          break;
        case "system_contains":
          all.add(r -> r.system().stream().map(SystemPrompt::text).anyMatch(t -> t.contains(s)));
          break;
        case "model_id":
          all.add(r -> r.modelId().equals(s));
          break;
        default:
          all.add(
              r ->
                  r.toolConfig() != null
                      && r.toolConfig().tools().stream().map(ToolSpec::name).anyMatch(s::equals));
      }
    }
    return r -> all.stream().allMatch(p -> p.test(r));
  }

  private static String describe(JsonNode match) {
    return match == null ? "?" : match.toString();
  }

  private static List<String> sorted(Set<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort(null);
    return out;
  }

  private static ScriptedLlmException invalid(String source, String pointer, String problem) {
    return new ScriptedLlmException(
        "SCRIPTED_LLM_SCRIPT_INVALID",
        "LLM script "
            + source
            + ": "
            + (pointer.isEmpty() ? "the document" : pointer)
            + " "
            + problem);
  }
}
