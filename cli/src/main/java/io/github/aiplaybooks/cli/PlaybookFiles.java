package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.dsl.load.LoadError;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loading playbooks for the commands, and what they print about them. */
final class PlaybookFiles {
  /** The exit code for an invalid playbook or argument. */
  static final int INVALID = 2;

  private PlaybookFiles() {}

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
