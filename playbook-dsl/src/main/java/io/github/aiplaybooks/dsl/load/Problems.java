package io.github.aiplaybooks.dsl.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found in one file, from every stage (syntax, schema, typed values, the model's
 * rules), located and ordered when turned into {@link LoadError}s.
 */
final class Problems {

  /** What in the file a problem points at. */
  enum Target {
    /** The key of the property at the pointer (an unknown or misnumbered key). */
    KEY,
    /** The value at the pointer. */
    VALUE,
    /** The object that should hold the pointer's key (a missing key). */
    PARENT
  }

  private record Problem(String pointer, Target target, Location at, String message) {}

  private final List<Problem> problems = new ArrayList<>();

  void add(String pointer, Target target, String message) {
    problems.add(new Problem(pointer, target, null, message));
  }

  void value(String pointer, String message) {
    add(pointer, Target.VALUE, message);
  }

  /** A problem at a known place, such as a syntax error. */
  void at(String pointer, Location at, String message) {
    problems.add(new Problem(pointer, Target.VALUE, at, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Adds the problems of a later pass, except those at or below a place already reported. */
  void addUncovered(Problems later) {
    List<Problem> fresh = new ArrayList<>();
    for (Problem p : later.problems) {
      if (!covers(p.pointer)) {
        fresh.add(p);
      }
    }
    problems.addAll(fresh);
  }

  /**
   * Moves the problems at or below {@code prefix} to {@code other}, with {@code prefix} taken off
   * their pointers: what was found in a fragment read under {@code prefix}.
   */
  void moveUnder(String prefix, Problems other) {
    List<Problem> kept = new ArrayList<>();
    for (Problem p : problems) {
      String target = p.target == Target.PARENT ? Pointers.parent(p.pointer) : p.pointer;
      if (target != null && Pointers.isAtOrAbove(prefix, target)) {
        other.problems.add(
            new Problem(p.pointer.substring(prefix.length()), p.target, p.at, p.message));
      } else {
        kept.add(p);
      }
    }
    problems.clear();
    problems.addAll(kept);
  }

  /** Whether a problem was reported at {@code pointer} or above it. */
  boolean covers(String pointer) {
    for (Problem p : problems) {
      if (Pointers.isAtOrAbove(p.pointer, pointer)) {
        return true;
      }
    }
    return false;
  }

  /** The errors, located in {@code tree}, in file order, each once. */
  List<LoadError> errors(String source, LocatedTree tree) {
    List<LoadError> errors = new ArrayList<>();
    for (Problem p : problems) {
      Location at = p.at != null ? p.at : locate(p, tree);
      errors.add(new LoadError(source, at.line(), at.column(), p.pointer, p.message));
    }
    errors.sort(
        Comparator.comparingInt(LoadError::line)
            .thenComparingInt(LoadError::column)
            .thenComparing(LoadError::pointer));
    Set<LoadError> unique = new LinkedHashSet<>(errors);
    return new ArrayList<>(unique);
  }

  private static Location locate(Problem p, LocatedTree tree) {
    if (tree == null) {
      return Location.START;
    }
    String pointer = p.target == Target.PARENT ? Pointers.parent(p.pointer) : p.pointer;
    if (pointer == null) {
      pointer = "";
    }
    if (p.target == Target.KEY || isStep(pointer)) {
      Location key = tree.keyLocation(pointer);
      if (key != null) {
        return key;
      }
    }
    for (String at = pointer; at != null; at = Pointers.parent(at)) {
      Location value = tree.valueLocation(at);
      if (value != null) {
        return value;
      }
    }
    return Location.START;
  }

  /** Problems with a whole step (numbering, names) point at its key. */
  private static boolean isStep(String pointer) {
    return pointer.startsWith("/workflow/") && pointer.indexOf('/', "/workflow/".length()) < 0;
  }
}
