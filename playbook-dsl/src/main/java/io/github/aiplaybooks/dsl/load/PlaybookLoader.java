package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.playbook.InvalidPlaybookException;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.PlaybookProblem;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * errors, except keys starting with {@code x-} at the top level and in steps, which are kept as
 * extensions); (3) typed values: conditions, durations, time windows, money, tool references,
 * templates, cron expressions; (4) the model's rules ({@link Playbook.Builder#build()}): step
 * numbering, known actions, declared facts and variables, and so on. Each error reads {@code
 * file:line:column: /json/pointer: message}; a later pass does not repeat a fault an earlier one
 * reported at the same place.
 *
 * <p>Immutable and thread-safe. Any input, however broken, ends in a {@link Playbook} or a {@link
 * PlaybookLoadException}.
 */
public final class PlaybookLoader {
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
    return load(source, bytes, format);
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
    return load(source, bytes, format);
  }

  private Playbook load(String source, byte[] bytes, PlaybookFormat format) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw failure(source, "the file is not UTF-8 text", e);
    }
    return load(source, text, format);
  }

  /**
   * Loads a playbook from text.
   *
   * @param source the name errors give the playbook, such as a file name
   * @throws PlaybookLoadException if it is not a valid playbook
   */
  public Playbook load(String source, String text, PlaybookFormat format) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    Problems problems = new Problems();
    LocatedTree tree = LocatedTree.read(text, format, problems);
    if (tree.root() == null) {
      throw new PlaybookLoadException(source, problems.errors(source, tree), null);
    }
    try {
      SchemaCheck.check(tree.root(), problems);
      Playbook.Builder builder =
          new PlaybookReader(tree.root(), problems, stepKinds)
              .read(Playbook.builder().stepKinds(stepKinds).knownActions(knownActions));
      List<PlaybookProblem> rules = new ArrayList<>();
      Playbook playbook = null;
      try {
        playbook = builder.build();
      } catch (InvalidPlaybookException e) {
        rules.addAll(e.problems());
      }
      // The model's rules see placeholders where a value did not parse: keep only what the
      // earlier passes did not already report there.
      Problems ruleProblems = new Problems();
      rules.forEach(p -> ruleProblems.value(p.pointer(), p.message()));
      problems.addUncovered(ruleProblems);
      if (problems.isEmpty() && playbook != null) {
        return playbook;
      }
      throw new PlaybookLoadException(source, problems.errors(source, tree), null);
    } catch (PlaybookLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      // Every expected fault was collected above, so this is a defect: still fail as this
      // loader's own exception, and say so, so that the fuzz tests (which look for it) find it.
      throw failure(source, "internal error while loading (a bug; please report it): " + e, e);
    }
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
