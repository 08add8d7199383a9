package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.playbook.InvalidPlaybookException;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.PlaybookProblem;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads playbooks from JSON or YAML into a validated {@link Playbook}. The seed's JSON loads as
 * written.
 *
 * <pre>{@code
 * PlaybookLoader loader = PlaybookLoader.standard();
 * Playbook p = loader.load(Path.of("automated-rollback.yaml"));
 * Playbook q = loader.load("inline", jsonText, PlaybookFormat.JSON);
 * }</pre>
 *
 * <p>A file is checked in four passes, and every problem of every pass is reported at once, in file
 * order, as one {@link PlaybookLoadException}: (1) syntax and duplicate keys; (2) the {@link
 * PlaybookSchema} (keys, types, required keys, which parameters each action takes; unknown keys are
 * errors, except keys starting with {@code x-} at the top level, in the trigger, in steps, in
 * routing and in routes, which are kept as extensions); (3) typed values: conditions, durations,
 * time windows, money, tool references, templates, cron expressions; (4) the model's rules ({@link
 * Playbook.Builder#build()}): step numbering, known actions, declared facts and variables, and so
 * on. Each error reads {@code file:line:column: /json/pointer: message}; a later pass does not
 * repeat a fault an earlier one reported at the same place.
 *
 * <p>Immutable and thread-safe. Any input, however broken, ends in a {@link Playbook} or a {@link
 * PlaybookLoadException}, the caller's fault. Anything else is a defect of this loader (or of a
 * registered {@link io.github.aiplaybooks.core.playbook.StepKind}), never blamed on the input: it
 * is thrown as an {@link IllegalStateException} whose message starts with {@value #LOADER_BUG} and
 * names the source, with the cause attached.
 */
public final class PlaybookLoader {
  /**
   * The start of the message of the {@link IllegalStateException} a defect of the loader throws, a
   * stable code to search logs and bug reports for.
   */
  public static final String LOADER_BUG = "PLAYBOOK_LOADER_BUG";

  /** Files larger than this are refused before parsing. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final PlaybookLoader STANDARD = builder().build();

  private final StepKindRegistry stepKinds;
  private final KnownActions knownActions;

  private PlaybookLoader(Builder b) {
    this.stepKinds = b.stepKinds;
    this.knownActions = b.knownActions;
  }

  /** A loader with the default step kinds and known actions. */
  public static PlaybookLoader standard() {
    return STANDARD;
  }

  /** A builder, to load with your own step kinds or actions. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a {@code .json}, {@code .yaml} or {@code .yml} file; errors name it as given.
   *
   * @throws PlaybookLoadException if it cannot be read or is not a valid playbook
   */
  public Playbook load(Path file) {
    Objects.requireNonNull(file, "file");
    return load(read(file), null);
  }

  /**
   * Loads a playbook file together with a routing fragment, a file that holds only what goes under
   * the playbook's {@code routing} key ({@code routes} and {@code default}), such as the seed's
   * {@code playbooks/autonomous-incident-response.routing.json}. The routing is checked as part of
   * the playbook; its errors name the fragment's file, line, column and pointer within it.
   *
   * <pre>{@code
   * Playbook p = loader.loadWithRouting(Path.of("incident.json"), Path.of("incident.routing.json"));
   * }</pre>
   *
   * @throws PlaybookLoadException if either cannot be read, the playbook has routing of its own, or
   *     together they are not a valid playbook
   */
  public Playbook loadWithRouting(Path playbookFile, Path routingFile) {
    Objects.requireNonNull(playbookFile, "playbookFile");
    Objects.requireNonNull(routingFile, "routingFile");
    return load(read(playbookFile), read(routingFile));
  }

  /** The same for text; for {@link SeedPlaybooks}, whose fragment is a resource. */
  Playbook loadWithRouting(Document playbook, Document routing) {
    return load(playbook, routing);
  }

  /**
   * Loads a playbook from a stream, read to its end as UTF-8.
   *
   * @param source the name errors give the playbook, such as a file name
   * @throws PlaybookLoadException if it cannot be read or is not a valid playbook
   */
  public Playbook load(String source, InputStream in, PlaybookFormat format) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(format, "format");
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw failure(source, "cannot read the playbook: " + e, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw failure(source, "the playbook is larger than " + MAX_BYTES + " bytes", null);
    }
    return load(new Document(source, decode(source, bytes), format), null);
  }

  /**
   * Loads a playbook from text.
   *
   * @param source the name errors give the playbook, such as a file name
   * @throws PlaybookLoadException if it is not a valid playbook
   * @throws IllegalStateException ({@value #LOADER_BUG}) on a defect of the loader, never for what
   *     the text holds
   */
  public Playbook load(String source, String text, PlaybookFormat format) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    return load(new Document(source, text, format), null);
  }

  /** A playbook or routing fragment to read: its name in errors, its text and format. */
  record Document(String source, String text, PlaybookFormat format) {}

  private static Document read(Path file) {
    String source = file.toString();
    PlaybookFormat format =
        PlaybookFormat.forFileName(String.valueOf(file.getFileName()))
            .orElseThrow(
                () ->
                    failure(
                        source,
                        "expected a .json, .yaml or .yml file, found '" + file.getFileName() + "'",
                        null));
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw failure(source, "the file is larger than " + MAX_BYTES + " bytes", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw failure(source, "cannot read the file: " + e, e);
    }
    return new Document(source, decode(source, bytes), format);
  }

  private static String decode(String source, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw failure(source, "the file is not UTF-8 text", e);
    }
  }

  /** Loads {@code playbook}, with {@code routing} (or {@code null}) under its routing key. */
  private Playbook load(Document playbook, Document routing) {
    try {
      Problems problems = new Problems();
      LocatedTree tree = LocatedTree.read(playbook.text(), playbook.format(), problems);
      Problems routingProblems = new Problems();
      LocatedTree routingTree =
          routing == null
              ? null
              : LocatedTree.read(routing.text(), routing.format(), routingProblems);
      if (tree.root() == null || (routingTree != null && routingTree.root() == null)) {
        throw failed(playbook, tree, problems, routing, routingTree, routingProblems);
      }
      JsonNode root = tree.root();
      if (routing == null && isRoutingFragment(root)) {
        throw failure(
            playbook.source(),
            "this is a routing fragment (routes and default), not a playbook: it goes under a"
                + " playbook's \"routing\" key, or is loaded with its playbook by"
                + " PlaybookLoader.loadWithRouting (./playbooks validate checks NAME.routing.json"
                + " with NAME.json beside it, as SeedPlaybooks attaches"
                + " playbooks/autonomous-incident-response.routing.json)",
            null);
      }
      if (routingTree != null) {
        if (root.isObject() && root.has("routing")) {
          routingProblems.at(
              "",
              Location.START,
              "the playbook "
                  + playbook.source()
                  + " has routing of its own; a routing fragment replaces none");
          throw failed(playbook, tree, problems, routing, routingTree, routingProblems);
        }
        if (root.isObject()) {
          root = ((ObjectNode) root.deepCopy()).set(ROUTING, routingTree.root());
        }
      }
      SchemaCheck.check(root, problems);
      Playbook.Builder builder =
          new PlaybookReader(root, problems, stepKinds)
              .read(Playbook.builder().stepKinds(stepKinds).knownActions(knownActions));
      List<PlaybookProblem> rules = new ArrayList<>();
      Playbook loaded = null;
      try {
        loaded = builder.build();
      } catch (InvalidPlaybookException e) {
        rules.addAll(e.problems());
      }
      // The model's rules see placeholders where a value did not parse: keep only what the
      // earlier passes did not already report there.
      Problems ruleProblems = new Problems();
      rules.forEach(p -> ruleProblems.value(p.pointer(), p.message()));
      problems.addUncovered(ruleProblems);
      if (problems.isEmpty() && loaded != null) {
        return loaded;
      }
      if (routingTree != null) {
        // What the checks found under /routing is the fragment's, at its own pointers.
        problems.moveUnder("/" + ROUTING, routingProblems);
      }
      throw failed(playbook, tree, problems, routing, routingTree, routingProblems);
    } catch (PlaybookLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      // Every fault of the input was collected above, so this is a defect: never the caller's.
      throw new IllegalStateException(
          LOADER_BUG
              + ": loading "
              + playbook.source()
              + " failed on a defect of the loader or of a step kind, not of the playbook"
              + " (please report it): "
              + e,
          e);
    }
  }

  private static final String ROUTING = "routing";

  /** A document that holds routing and no playbook: {@code routes}, no playbook keys. */
  private static boolean isRoutingFragment(JsonNode root) {
    return root.isObject() && root.has("routes") && !root.has("playbook") && !root.has("workflow");
  }

  private static PlaybookLoadException failed(
      Document playbook,
      LocatedTree tree,
      Problems problems,
      Document routing,
      LocatedTree routingTree,
      Problems routingProblems) {
    List<LoadError> errors = new ArrayList<>(problems.errors(playbook.source(), tree));
    String source = playbook.source();
    if (routing != null) {
      errors.addAll(routingProblems.errors(routing.source(), routingTree));
      source = playbook.source() + " with " + routing.source();
    }
    return new PlaybookLoadException(source, errors, null);
  }

  private static PlaybookLoadException failure(String source, String message, Throwable cause) {
    return new PlaybookLoadException(
        source, List.of(new LoadError(source, 1, 1, "", message)), cause);
  }

  /** Configures a {@link PlaybookLoader}. Not thread-safe. */
  public static final class Builder {
    private StepKindRegistry stepKinds = StepKindRegistry.defaults();
    private KnownActions knownActions = KnownActions.seedCatalog();

    private Builder() {}

    /** The step kinds actions resolve to; {@link StepKindRegistry#defaults()} unless set. */
    public Builder stepKinds(StepKindRegistry stepKinds) {
      this.stepKinds = Objects.requireNonNull(stepKinds, "stepKinds");
      return this;
    }

    /**
     * The actions runbooks and opportunities may name; {@link KnownActions#seedCatalog()} unless
     * set.
     */
    public Builder knownActions(KnownActions knownActions) {
      this.knownActions = Objects.requireNonNull(knownActions, "knownActions");
      return this;
    }

    /** The loader. */
    public PlaybookLoader build() {
      return new PlaybookLoader(this);
    }
  }
}
