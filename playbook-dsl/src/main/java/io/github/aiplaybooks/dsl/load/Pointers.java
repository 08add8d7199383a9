package io.github.aiplaybooks.dsl.load;

/** JSON pointers (RFC 6901). */
final class Pointers {
  private Pointers() {}

  /** {@code parent} followed by the key or index {@code token}, escaped. */
  static String child(String parent, String token) {
    return io.github.aiplaybooks.core.condition.JsonPointers.child(parent, token);
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /** The parent pointer, or {@code null} for the document. */
  static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? null : pointer.substring(0, slash);
  }

  /** Whether {@code ancestor} is {@code pointer} or above it. */
  static boolean isAtOrAbove(String ancestor, String pointer) {
    return pointer.equals(ancestor)
        || (pointer.startsWith(ancestor) && pointer.charAt(ancestor.length()) == '/');
  }
}
