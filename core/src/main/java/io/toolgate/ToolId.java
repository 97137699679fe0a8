package io.toolgate;

import io.toolgate.internal.Checks;

/**
 * A tool's identity: the server (namespace) that exposes it and its name, written {@code
 * server/name}, so two servers' {@code delete} tools are distinct. Immutable; equality and hash are
 * precomputed from the qualified name, which makes a tool id a cheap cache-key part.
 */
public final class ToolId implements Comparable<ToolId> {
  private final String server;
  private final String name;
  private final String qualified;
  // Kept here so that hashing a cache key reads this object only, not the string behind it too.
  private final int hash;

  private ToolId(String server, String name) {
    this.server = part(server, "tool server");
    this.name = part(name, "tool name");
    this.qualified = server + "/" + name;
    this.hash = qualified.hashCode();
  }

  private static String part(String value, String what) {
    Checks.identifier(value, what);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '*') {
        throw new IllegalArgumentException(
            what + " '" + value + "' must not contain '" + c + "' (offset " + i + ")");
      }
    }
    return value;
  }

  /**
   * Returns the id of tool {@code name} on {@code server}.
   *
   * @throws IllegalArgumentException if a part is empty or holds '/', '*', whitespace or a control
   *     character
   */
  public static ToolId of(String server, String name) {
    return new ToolId(server, name);
  }

  /**
   * Parses {@code server/name}.
   *
   * @throws IllegalArgumentException if the text is not exactly two valid parts around one '/'
   */
  public static ToolId parse(String qualified) {
    int slash = qualified.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("tool id '" + qualified + "' must be written server/name");
    }
    return new ToolId(qualified.substring(0, slash), qualified.substring(slash + 1));
  }

  /** The server (namespace) exposing the tool. */
  public String server() {
    return server;
  }

  /** The tool's name on its server. */
  public String name() {
    return name;
  }

  /** {@code server/name}. */
  public String qualifiedName() {
    return qualified;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof ToolId other && hash == other.hash && qualified.equals(other.qualified));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(ToolId o) {
    return qualified.compareTo(o.qualified);
  }

  /** Returns {@code server/name}. */
  @Override
  public String toString() {
    return qualified;
  }
}
