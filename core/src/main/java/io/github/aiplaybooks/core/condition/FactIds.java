package io.github.aiplaybooks.core.condition;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Small integer ids for the fact names that compiled conditions read, so that {@link Facts} can
 * hold those facts in an array and a condition reads one by index instead of hashing its name.
 *
 * <p>Ids are given out only when a condition is compiled, never for names that merely appear in
 * facts (which may come from untrusted input), and at most {@link #MAX_IDS} of them; a name without
 * an id is read from the facts' map, which gives the same answer more slowly. The table only grows,
 * so an id never changes meaning.
 */
final class FactIds {
  /** At most this many names get ids; more are read by name. */
  static final int MAX_IDS = 1024;

  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();

  /** How many ids are given out; written after the id is in {@link #IDS}, so readers see both. */
  private static volatile int count;

  private FactIds() {}

  /** The id of {@code name}, giving it one if there is room, else -1. */
  static int register(String name) {
    Integer id = IDS.get(name);
    if (id != null) {
      return id;
    }
    synchronized (IDS) {
      id = IDS.get(name);
      if (id != null) {
        return id;
      }
      if (count >= MAX_IDS) {
        return -1;
      }
      int next = count;
      IDS.put(name, next);
      count = next + 1;
      return next;
    }
  }

  /** The id of {@code name} if it has one, else -1. Does not give out ids. */
  static int idOf(String name) {
    Integer id = IDS.get(name);
    return id == null ? -1 : id;
  }

  /** How many ids are given out: every id below it is visible to {@link #idOf}. */
  static int count() {
    return count;
  }
}
