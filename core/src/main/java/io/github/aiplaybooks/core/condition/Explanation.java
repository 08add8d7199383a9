package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a condition has the result it has for some facts: a tree that mirrors the condition, holding
 * only the sub-conditions that were evaluated ({@code AND} stops at the first false operand, {@code
 * OR} at the first true one), each with its result, the fact values it read and the literals it
 * compared them with.
 *
 * <pre>{@code
 * Explanation e = Condition.compile("severity == P0 AND off_hours == true")
 *     .explain(Facts.of(Map.of("severity", "P1", "off_hours", true)));
 * e.result(); // FALSE
 * e.text();   // "severity == P0 AND off_hours == true is false because severity (P1) == P0 is false"
 * e.decisive().get(0).text(); // "severity (P1) == P0 is false"
 * }</pre>
 */
public final class Explanation {
  private final Truth result;
  private final String condition;
  private final String detail;
  private final List<Explanation> children;
  private final List<Explanation> decisive;
  private final Map<String, Object> factsRead;
  private final Set<String> missingFacts;
  private final List<String> literals;

  private Explanation(
      Truth result,
      String condition,
      String detail,
      List<Explanation> children,
      List<Explanation> decisive,
      Map<String, Object> factsRead,
      Set<String> missingFacts,
      List<String> literals) {
    this.result = result;
    this.condition = condition;
    this.detail = detail;
    this.children = List.copyOf(children);
    this.decisive = List.copyOf(decisive);
    this.factsRead = Collections.unmodifiableMap(factsRead);
    this.missingFacts = Collections.unmodifiableSet(missingFacts);
    this.literals = List.copyOf(literals);
  }

  /**
   * A comparison, membership test or bare fact: {@code detail} is "blast_radius (12 pods) <
   * 10_pods".
   */
  static Explanation leaf(
      Truth result,
      String condition,
      String detail,
      Map<String, Object> factsRead,
      Set<String> missingFacts,
      List<String> literals) {
    return new Explanation(
        result, condition, detail, List.of(), List.of(), factsRead, missingFacts, literals);
  }

  /** An AND, OR or NOT, from the children it evaluated and those that decided its result. */
  static Explanation composite(
      Truth result, String condition, List<Explanation> children, List<Explanation> decisive) {
    Map<String, Object> read = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (Explanation c : children) {
      read.putAll(c.factsRead);
      missing.addAll(c.missingFacts);
    }
    return new Explanation(result, condition, null, children, decisive, read, missing, List.of());
  }

  /** The result of this (sub-)condition. */
  public Truth result() {
    return result;
  }

  /** The canonical text of this (sub-)condition, such as {@code blast_radius < 10_pods}. */
  public String condition() {
    return condition;
  }

  /**
   * One line for people. For a comparison: the values it read and its result, such as {@code
   * blast_radius (12 pods) < 10_pods is false}; for {@code AND}, {@code OR} and {@code NOT}: the
   * condition, its result and the comparisons that decided it, such as {@code a AND b is false
   * because a (3) > 5 is false}.
   */
  public String text() {
    if (isLeaf()) {
      return detail + " is " + result.word();
    }
    List<String> reasons = new ArrayList<>();
    collectLeafTexts(this, reasons);
    return condition + " is " + result.word() + " because " + String.join(" and ", reasons);
  }

  private static void collectLeafTexts(Explanation e, List<String> out) {
    if (e.isLeaf()) {
      out.add(e.text());
    } else {
      for (Explanation d : e.decisive) {
        collectLeafTexts(d, out);
      }
    }
  }

  /** Whether this is a comparison, membership test or bare fact, not AND, OR or NOT. */
  public boolean isLeaf() {
    return detail != null;
  }

  /** The sub-conditions that were evaluated, in order; empty for a leaf. */
  public List<Explanation> children() {
    return children;
  }

  /**
   * The sub-conditions that decided the result: the first false operand of a false {@code AND}, the
   * first true operand of a true {@code OR}, all operands of a true {@code AND} or a false {@code
   * OR}, the unknown operands of an unknown one, the operand of a {@code NOT}; empty for a leaf.
   */
  public List<Explanation> decisive() {
    return decisive;
  }

  /** The facts this sub-condition read that were present, by name, as {@link Facts#get} gives. */
  public Map<String, Object> factsRead() {
    return factsRead;
  }

  /** The facts this sub-condition needed that were absent. */
  public Set<String> missingFacts() {
    return missingFacts;
  }

  /** The literals a leaf compared, as written in canonical form ({@code 10_pods}, {@code P0}). */
  public List<String> literals() {
    return literals;
  }

  /** The tree, one evaluated sub-condition a line, indented, each with its result. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    appendTree(b, 0);
    return b.toString();
  }

  private void appendTree(StringBuilder b, int indent) {
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append("  ".repeat(indent))
        .append(result.word())
        .append(": ")
        .append(isLeaf() ? detail : condition);
    for (Explanation c : children) {
      c.appendTree(b, indent + 1);
    }
  }
}
