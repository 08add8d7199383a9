package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.dsl.load.LoadError;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loading playbooks for the commands, and what they print about them. */
final class PlaybookFiles {
  private static final String ROUTING = ".routing.";

  private PlaybookFiles() {}

  /**
   * For a routing fragment {@code NAME.routing.EXT} (json, yaml, yml), the playbook it belongs
   * with: {@code NAME.json}, {@code NAME.yaml} or {@code NAME.yml} beside it, the first that
   * exists. Empty for any other file, or when there is none (then loading the fragment as a
   * playbook says what it is).
   */
  static Optional<Path> playbookOfRoutingFragment(Path file) {
    String name = String.valueOf(file.getFileName());
    int at = name.lastIndexOf(ROUTING);
    if (at <= 0 || PlaybookFormat.forFileName(name).isEmpty()) {
      return Optional.empty();
    }
    String base = name.substring(0, at);
    for (String ext : List.of(".json", ".yaml", ".yml")) {
      Path candidate = file.resolveSibling(base + ext);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A playbook file, or one of the seed's playbooks by name when no such file exists. */
  static Playbook load(String fileOrSeed) {
    Path file = Path.of(fileOrSeed);
    if (!Files.exists(file) && SeedPlaybooks.NAMES.contains(fileOrSeed)) {
      return SeedPlaybooks.load(fileOrSeed);
    }
    return PlaybookLoader.standard().load(file);
  }

  /** Prints every error as {@code file:line:col: /pointer: message}. */
  static void printErrors(PlaybookLoadException e, PrintWriter err) {
    for (LoadError error : e.errors()) {
      err.println(error);
    }
  }

  /** Every condition of the playbook: its steps' and its routes'. */
  static List<Condition> conditions(Playbook p) {
    List<Condition> all = new ArrayList<>();
    for (Step s : p.steps()) {
      for (ConditionGroup g : s.spec().conditionGroups()) {
        all.addAll(g.conditions());
      }
    }
    p.routing().ifPresent(r -> collect(r.routes(), all));
    return all;
  }

  private static void collect(List<Route> routes, List<Condition> out) {
    for (Route r : routes) {
      out.add(r.when());
      collect(r.routes(), out);
    }
  }
}
