package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.JsonPointers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON files the commands take, with errors that name the file and the position. */
final class JsonInput {
  static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonInput() {}

  /** The JSON in {@code file}, or on {@code stdin} when {@code file} is {@code -}. */
  static JsonNode read(String file, InputStream stdin) throws InvalidInputException {
    String text;
    try {
      text =
          file.equals("-")
              ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage());
    }
    String name = name(file);
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new InvalidInputException(name + ": not valid JSON: " + e.getOriginalMessage() + where);
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidInputException(name + ": is empty; expected JSON");
    }
    return node;
  }

  /** {@code file}, or {@code <stdin>} for {@code -}. */
  static String name(String file) {
    return file.equals("-") ? "<stdin>" : file;
  }

  /** {@code "a string"}, {@code "a number"}, ...: what a JSON value is, for messages. */
  static String kind(JsonNode v) {
    if (v.isString()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }

  /** Escapes a key for a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return JsonPointers.escape(key);
  }
}
