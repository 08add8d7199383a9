package io.github.aiplaybooks.core.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The prompts the engine sends, as editable {@link PromptTemplate}s. The defaults are the seed's:
 * its system prompt ("You are an expert SRE agent managing an EKS cluster...") and its few-shot
 * example (CrashLoopBackOff, OOMKilled, raise the memory limit), plus the user prompts of the
 * classify step (variable {@code alert}) and the decide step ({@code alert}, {@code
 * classification}, {@code evidence}). They ship as class-path resources beside this class.
 *
 * <p>Override any of them with text or a file; a file that cannot be read or a template that does
 * not parse fails at {@code build()}, naming the file.
 *
 * <pre>{@code
 * Prompts prompts = Prompts.builder().system(Path.of("prompts/system.txt")).build();
 * String system = prompts.system().render();
 * List<Message> example = prompts.fewShotMessages();
 * }</pre>
 */
public final class Prompts {
  private static final String BASE = "/io/github/aiplaybooks/core/llm/";

  /** The class-path resource of the default system prompt. */
  public static final String SYSTEM_RESOURCE = BASE + "system-prompt.txt";

  /** The class-path resource of the default few-shot example. */
  public static final String FEW_SHOT_RESOURCE = BASE + "few-shot-example.txt";

  /** The class-path resource of the default classify prompt. */
  public static final String CLASSIFY_RESOURCE = BASE + "classify-prompt.txt";

  /** The class-path resource of the default decide prompt. */
  public static final String DECIDE_RESOURCE = BASE + "decide-prompt.txt";

  private static final Prompts DEFAULTS =
      new Prompts(
          resource("system", SYSTEM_RESOURCE),
          resource("few-shot", FEW_SHOT_RESOURCE),
          resource("classify", CLASSIFY_RESOURCE),
          resource("decide", DECIDE_RESOURCE));

  private final PromptTemplate system;
  private final PromptTemplate fewShot;
  private final PromptTemplate classify;
  private final PromptTemplate decide;

  private Prompts(
      PromptTemplate system,
      PromptTemplate fewShot,
      PromptTemplate classify,
      PromptTemplate decide) {
    this.system = system;
    this.fewShot = fewShot;
    this.classify = classify;
    this.decide = decide;
  }

  /** The seed's prompts. */
  public static Prompts defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /** A builder holding these prompts. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.system = system;
    b.fewShot = fewShot;
    b.classify = classify;
    b.decide = decide;
    return b;
  }

  /** The system prompt. */
  public PromptTemplate system() {
    return system;
  }

  /** The few-shot example: turns that begin with {@code Human:} and {@code Agent:} lines. */
  public PromptTemplate fewShot() {
    return fewShot;
  }

  /** The classify step's user prompt; variable {@code alert}. */
  public PromptTemplate classify() {
    return classify;
  }

  /**
   * The decide step's user prompt; variables {@code alert}, {@code classification}, {@code
   * evidence}.
   */
  public PromptTemplate decide() {
    return decide;
  }

  /**
   * The few-shot example as conversation turns: each {@code Human:} line starts a user message and
   * each {@code Agent:} (or {@code Assistant:}) line an assistant message, to put before the real
   * question.
   *
   * @throws PromptTemplateException {@code PROMPT_TEMPLATE_INVALID} if the example does not start
   *     with a {@code Human:} turn or its turns do not alternate; {@code PROMPT_VARIABLE_MISSING}
   *     if it has variables
   */
  public List<Message> fewShotMessages() {
    String text = fewShot.render();
    List<Message> messages = new ArrayList<>();
    Role role = null;
    StringBuilder turn = new StringBuilder();
    for (String line : text.split("\\R", -1)) {
      Role next = null;
      String rest = line;
      if (line.startsWith("Human:")) {
        next = Role.USER;
        rest = line.substring("Human:".length());
      } else if (line.startsWith("Agent:")) {
        next = Role.ASSISTANT;
        rest = line.substring("Agent:".length());
      } else if (line.startsWith("Assistant:")) {
        next = Role.ASSISTANT;
        rest = line.substring("Assistant:".length());
      }
      if (next != null) {
        if (role != null) {
          messages.add(turn(role, turn));
        }
        if (next == role || (role == null && next != Role.USER)) {
          throw new PromptTemplateException(
              "PROMPT_TEMPLATE_INVALID",
              fewShot.name(),
              List.of(),
              "Prompt template "
                  + fewShot.name()
                  + " must alternate 'Human:' and 'Agent:' turns, starting with 'Human:'");
        }
        role = next;
        turn.setLength(0);
        turn.append(rest.strip());
      } else if (role != null) {
        turn.append('\n').append(line);
      } else if (!line.isBlank()) {
        throw new PromptTemplateException(
            "PROMPT_TEMPLATE_INVALID",
            fewShot.name(),
            List.of(),
            "Prompt template " + fewShot.name() + " must start with a 'Human:' line");
      }
    }
    if (role == null) {
      throw new PromptTemplateException(
          "PROMPT_TEMPLATE_INVALID",
          fewShot.name(),
          List.of(),
          "Prompt template " + fewShot.name() + " has no 'Human:' turn");
    }
    messages.add(turn(role, turn));
    return List.copyOf(messages);
  }

  private static Message turn(Role role, StringBuilder text) {
    String body = text.toString().strip();
    return role == Role.USER ? Message.user(body) : Message.assistant(body);
  }

  private static PromptTemplate resource(String name, String resource) {
    try (InputStream in = Prompts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing prompt resource " + resource);
      }
      return PromptTemplate.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read prompt resource " + resource, e);
    }
  }

  private static PromptTemplate file(Path path) {
    Objects.requireNonNull(path, "path");
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new PromptTemplateException(
          "PROMPT_FILE_UNREADABLE",
          path.toString(),
          List.of(),
          "Prompt file " + path + " cannot be read: " + e,
          e);
    }
    return PromptTemplate.of(path.toString(), text);
  }

  /** Builds {@link Prompts}; each setter parses at once and fails naming the file or template. */
  public static final class Builder {
    private PromptTemplate system;
    private PromptTemplate fewShot;
    private PromptTemplate classify;
    private PromptTemplate decide;

    private Builder() {}

    /** Replaces the system prompt with {@code text}. */
    public Builder system(String text) {
      this.system = PromptTemplate.of("system", text);
      return this;
    }

    /** Replaces the system prompt with the contents of {@code file} (UTF-8). */
    public Builder system(Path file) {
      this.system = file(file);
      return this;
    }

    /** Replaces the few-shot example with {@code text}. */
    public Builder fewShot(String text) {
      this.fewShot = PromptTemplate.of("few-shot", text);
      return this;
    }

    /** Replaces the few-shot example with the contents of {@code file} (UTF-8). */
    public Builder fewShot(Path file) {
      this.fewShot = file(file);
      return this;
    }

    /** Replaces the classify prompt with {@code text}. */
    public Builder classify(String text) {
      this.classify = PromptTemplate.of("classify", text);
      return this;
    }

    /** Replaces the classify prompt with the contents of {@code file} (UTF-8). */
    public Builder classify(Path file) {
      this.classify = file(file);
      return this;
    }

    /** Replaces the decide prompt with {@code text}. */
    public Builder decide(String text) {
      this.decide = PromptTemplate.of("decide", text);
      return this;
    }

    /** Replaces the decide prompt with the contents of {@code file} (UTF-8). */
    public Builder decide(Path file) {
      this.decide = file(file);
      return this;
    }

    /** The prompts. */
    public Prompts build() {
      return new Prompts(system, fewShot, classify, decide);
    }
  }
}
