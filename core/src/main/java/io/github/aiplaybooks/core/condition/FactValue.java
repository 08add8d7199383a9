package io.github.aiplaybooks.core.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A fact value or literal in the form the evaluator reads without parsing, boxing or allocating: a
 * kind tag, the base value of a quantity as a {@code double} with its dimension, a string, or an
 * array of elements. Built once, when {@link Facts} are built or a condition is compiled.
 */
final class FactValue {
  static final byte BOOL = 0;
  static final byte NUM = 1;
  static final byte STR = 2;
  static final byte LIST = 3;

  static final byte NUMBER = (byte) Quantity.Dimension.NUMBER.ordinal();
  static final byte COUNT = (byte) Quantity.Dimension.COUNT.ordinal();

  static final FactValue TRUE = new FactValue(BOOL, true, 0, (byte) 0, null, null, null, true);
  static final FactValue FALSE = new FactValue(BOOL, false, 0, (byte) 0, null, null, null, false);

  final byte kind;
  final boolean bool;

  /** The base value of a quantity. */
  final double num;

  /** The {@link Quantity.Dimension} ordinal of a quantity. */
  final byte dim;

  /** The unit of a count, else {@code null}. */
  final String unit;

  final String str;
  final FactValue[] elements;

  /**
   * The public form: Boolean, String, Quantity or an unmodifiable List of those. For a number given
   * as a Java {@code double} it is made on first use, since most facts are only ever compared; the
   * race to make it is benign (equal immutable results).
   */
  private Object value;

  private FactValue(
      byte kind,
      boolean bool,
      double num,
      byte dim,
      String unit,
      String str,
      FactValue[] elements,
      Object value) {
    this.kind = kind;
    this.bool = bool;
    this.num = num;
    this.dim = dim;
    this.unit = unit;
    this.str = str;
    this.elements = elements;
    this.value = value;
  }

  /** A plain number; its {@link Quantity} is made only if someone asks for the public value. */
  static FactValue ofNumber(double d) {
    return new FactValue(NUM, false, d, NUMBER, null, null, null, null);
  }

  /** The public form of this value. */
  Object value() {
    Object v = value;
    if (v == null) {
      v = Quantity.number(num);
      value = v;
    }
    return v;
  }

  static FactValue of(boolean b) {
    return b ? TRUE : FALSE;
  }

  static FactValue of(Quantity q) {
    return new FactValue(
        NUM,
        false,
        q.baseValue(),
        (byte) q.dimension().ordinal(),
        q.dimension() == Quantity.Dimension.COUNT ? q.unit() : null,
        null,
        null,
        q);
  }

  /** A string as it is, such as a string literal or a symbol. */
  static FactValue ofString(String s) {
    return new FactValue(STR, false, 0, (byte) 0, null, s, null, s);
  }

  /** A string given as a fact value: a quantity if it is entirely a quantity literal. */
  static FactValue ofFactString(String s) {
    Quantity q = Quantity.parseUnitLiteralOrNull(s);
    return q != null ? of(q) : ofString(s);
  }

  static FactValue ofList(List<FactValue> elements) {
    FactValue[] array = elements.toArray(new FactValue[0]);
    List<Object> values = new ArrayList<>(array.length);
    for (FactValue e : array) {
      values.add(e.value());
    }
    return new FactValue(
        LIST, false, 0, (byte) 0, null, null, array, Collections.unmodifiableList(values));
  }

  /**
   * Converts a Java value: Boolean, Number, CharSequence (a quantity literal becomes that
   * quantity), Quantity, Duration, Enum (its name), or a Collection or array of those.
   *
   * @param name the fact's name, for the error message
   * @throws ConditionTypeException if the value cannot be a fact
   */
  static FactValue fromJava(Object o, String name) {
    if (o instanceof Collection<?>) {
      List<FactValue> elements = new ArrayList<>();
      int i = 0;
      for (Object e : (Collection<?>) o) {
        elements.add(scalarFromJava(e, name + "[" + i++ + "]"));
      }
      return ofList(elements);
    }
    if (o instanceof Object[]) {
      List<FactValue> elements = new ArrayList<>();
      Object[] array = (Object[]) o;
      for (int i = 0; i < array.length; i++) {
        elements.add(scalarFromJava(array[i], name + "[" + i + "]"));
      }
      return ofList(elements);
    }
    return scalarFromJava(o, name);
  }

  private static FactValue scalarFromJava(Object o, String name) {
    if (o instanceof Boolean) {
      return of((Boolean) o);
    }
    if (o instanceof CharSequence) {
      return ofFactString(o.toString());
    }
    if (o instanceof Quantity) {
      return of((Quantity) o);
    }
    if (o instanceof Duration) {
      return of(Quantity.duration((Duration) o));
    }
    if (o instanceof Enum<?>) {
      return ofString(((Enum<?>) o).name());
    }
    if (o instanceof Double
        || o instanceof Integer
        || o instanceof Long
        || o instanceof Float
        || o instanceof Short
        || o instanceof Byte) {
      double d = ((Number) o).doubleValue();
      if (!Double.isFinite(d)) {
        throw new ConditionTypeException("fact '" + name + "': " + d + " is not a finite number");
      }
      return ofNumber(d);
    }
    if (o instanceof Number) {
      return of(number((Number) o, name));
    }
    String what = o == null ? "null" : "a " + o.getClass().getName();
    throw new ConditionTypeException(
        "fact '"
            + name
            + "': "
            + what
            + " is not a fact value; use a boolean, number, string, Quantity, Duration,"
            + " or a list of those");
  }

  private static Quantity number(Number n, String name) {
    BigDecimal d;
    if (n instanceof BigDecimal) {
      d = (BigDecimal) n;
    } else if (n instanceof BigInteger) {
      d = new BigDecimal((BigInteger) n);
    } else {
      try {
        d = new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw new ConditionTypeException("fact '" + name + "': " + n + " is not a finite number");
      }
    }
    Quantity q = Quantity.ofOrNull(d, Quantity.Notation.PLAIN, null);
    if (q == null) {
      throw new ConditionTypeException("fact '" + name + "': " + n + " is out of range");
    }
    return q;
  }

  /**
   * Converts a JSON value; {@code null} is handled by the caller (an absent fact).
   *
   * @param pointer the JSON pointer of {@code node}, for the error message
   * @throws ConditionTypeException if the value cannot be a fact
   */
  static FactValue fromJson(JsonNode node, String pointer) {
    if (node.isArray()) {
      List<FactValue> elements = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode e = node.get(i);
        String p = pointer + "/" + i;
        if (e.isArray() || e.isObject() || e.isNull()) {
          throw new ConditionTypeException(
              "fact "
                  + p
                  + ": "
                  + jsonKind(e)
                  + " cannot be a list element; use a number,"
                  + " boolean or string");
        }
        elements.add(scalarFromJson(e, p));
      }
      return ofList(elements);
    }
    return scalarFromJson(node, pointer);
  }

  private static FactValue scalarFromJson(JsonNode node, String pointer) {
    if (node.isBoolean()) {
      return of(node.booleanValue());
    }
    if (node.isString()) {
      return ofFactString(node.stringValue());
    }
    if (node.isNumber()) {
      if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        throw new ConditionTypeException("fact " + pointer + ": the number is out of range");
      }
      Quantity q = Quantity.ofOrNull(node.decimalValue(), Quantity.Notation.PLAIN, null);
      if (q == null) {
        throw new ConditionTypeException("fact " + pointer + ": the number is out of range");
      }
      return of(q);
    }
    throw new ConditionTypeException(
        "fact "
            + pointer
            + ": "
            + jsonKind(node)
            + " is not a fact value; use a number, boolean, string, or an array of those");
  }

  private static String jsonKind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    } else if (node.isArray()) {
      return "an array";
    } else if (node.isNull()) {
      return "null";
    }
    return "a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether two numeric values compare: a plain number, or the same dimension and unit. */
  static boolean comparable(byte dimA, String unitA, byte dimB, String unitB) {
    if (dimA == NUMBER || dimB == NUMBER) {
      return true;
    }
    return dimA == dimB && (dimA != COUNT || unitA.equals(unitB));
  }

  /** The value as people read it: {@code 12 pods}, {@code 350ms}, {@code P0}, {@code [a, b]}. */
  String display() {
    switch (kind) {
      case BOOL:
        return bool ? "true" : "false";
      case NUM:
        return ((Quantity) value()).display();
      case STR:
        return str;
      default:
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < elements.length; i++) {
          if (i > 0) {
            b.append(", ");
          }
          b.append(elements[i].display());
        }
        return b.append(']').toString();
    }
  }

  /** "a boolean", "a string", "a list", "a ratio", "a count of pods", ...: for messages. */
  String describe() {
    switch (kind) {
      case BOOL:
        return "a boolean";
      case NUM:
        return ((Quantity) value()).describe();
      case STR:
        return "a string";
      default:
        return "a list";
    }
  }
}
