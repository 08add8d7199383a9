package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the builders. */
final class Checks {
  private Checks() {}

  /** A mutable copy of {@code list}, rejecting a null list or element with the parameter's name. */
  static <T> List<T> copy(List<T> list, String parameter) {
    Objects.requireNonNull(list, parameter);
    List<T> copy = new ArrayList<>(list.size());
    for (T t : list) {
      copy.add(Objects.requireNonNull(t, parameter + ": null element"));
    }
    return copy;
  }
}
