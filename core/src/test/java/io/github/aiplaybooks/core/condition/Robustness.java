package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * What must hold for any text given to the parsers, shared by the jqwik properties and the Jazzer
 * fuzz tests: they either succeed or throw a {@link ConditionException} with a sane column; a
 * condition that compiles prints to a text that compiles to an equal condition, compiles against
 * the schema of its own facts (or finds a type error there), and evaluates, tests and explains
 * consistently (or throws a {@link ConditionException}). Anything else thrown (a {@link
 * StackOverflowError}, a {@link NullPointerException}, an {@link AssertionError}) fails the caller.
 */
final class Robustness {
  private Robustness() {}

  /** Checks {@code text} as a condition; returns whether it compiled. */
  static boolean exerciseCondition(String text) {
    Condition c;
    try {
      c = Condition.compile(text);
    } catch (ConditionException e) {
      checkPosition(e, text);
      return false;
    }
    Condition again = Condition.compile(c.normalized());
    if (!again.equals(c) || !again.normalized().equals(c.normalized())) {
      throw new AssertionError("normalized text does not round-trip: " + text);
    }
    try {
      // Declaring its own facts can only make names symbols, which may show a type error
      // (3 == P0 compares a number with a symbol); it never finds an unknown fact.
      Condition declared = Condition.compile(text, FactSchema.of(c.factNames()));
      if (!declared.factNames().equals(c.factNames())) {
        throw new AssertionError("declared facts differ: " + text);
      }
    } catch (ConditionTypeException e) {
      checkPosition(e, text);
    }
    for (Facts facts : factsFor(c)) {
      Truth t;
      try {
        t = c.evaluate(facts);
      } catch (ConditionTypeException e) {
        continue;
      }
      if (c.explain(facts).result() != t) {
        throw new AssertionError("explain disagrees with evaluate: " + text + " " + facts);
      }
      try {
        if (c.test(facts) != (t == Truth.TRUE) || t == Truth.UNKNOWN) {
          throw new AssertionError("test disagrees with evaluate: " + text + " " + facts);
        }
      } catch (UnknownFactException e) {
        if (t != Truth.UNKNOWN || facts.contains(e.factName())) {
          throw new AssertionError("unexpected unknown fact: " + text + " " + facts, e);
        }
      }
    }
    return true;
  }

  /** Facts that give every fact of {@code c} a value of one kind, for a few kinds, and none. */
  private static List<Facts> factsFor(Condition c) {
    Object[] kinds = {true, 1, "P0", "20%", "10_pods", List.of("a", 2)};
    List<Facts> all = new ArrayList<>();
    all.add(Facts.empty());
    for (Object kind : kinds) {
      Facts.Builder b = Facts.builder();
      c.factNames().forEach(name -> b.put(name, kind));
      all.add(b.build());
    }
    return all;
  }

  static void exerciseLiterals(String text) {
    try {
      Quantity q = Quantity.parse(text);
      if (!Quantity.parse(q.toString()).equals(q)) {
        throw new AssertionError("quantity does not round-trip: " + text);
      }
    } catch (ConditionSyntaxException e) {
      checkPosition(e, text);
    }
    try {
      DurationLiteral.parse(text);
    } catch (ConditionSyntaxException e) {
      checkPosition(e, text);
    }
    try {
      TimeWindow w = TimeWindow.parse(text);
      if (!TimeWindow.parse(w.toString()).equals(w)) {
        throw new AssertionError("time window does not round-trip: " + text);
      }
    } catch (ConditionSyntaxException e) {
      checkPosition(e, text);
    }
    try {
      Rate r = Rate.parse(text);
      if (!Rate.parse(r.toString()).equals(r)) {
        throw new AssertionError("rate does not round-trip: " + text);
      }
    } catch (ConditionSyntaxException e) {
      checkPosition(e, text);
    }
    // A fact string is a quantity or stays a string; it never throws.
    Facts.builder().put("x", text).build();
  }

  private static void checkPosition(ConditionException e, String text) {
    if (e.column() < 0 || e.column() > text.length() + 1) {
      throw new AssertionError("column " + e.column() + " outside of: " + text, e);
    }
    if (!e.source().equals(text) && e.column() > 0) {
      throw new AssertionError("source differs: " + text, e);
    }
  }
}
