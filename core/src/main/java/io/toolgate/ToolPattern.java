package io.toolgate;

import io.toolgate.internal.Glob;

/**
 * A pattern over tool ids, written {@code server/name}, where {@code *} stands for any run of
 * characters within its part: {@code github/list_*}, {@code github/*}, {@code * /read_file}
 * (without the space), {@code * / *} (likewise). Compiled once; matching never backtracks.
 * Immutable; equal when written alike.
 */
public final class ToolPattern {
  /** Matches every tool. */
  public static final ToolPattern ANY = parse("*/*");

  private final Glob glob;

  private ToolPattern(Glob glob) {
    this.glob = glob;
  }

  /**
   * Compiles a tool pattern.
   *
   * @throws IllegalArgumentException if the text is not {@code server/name}, has an empty part,
   *     uses {@code **}, or holds whitespace or control characters
   */
  public static ToolPattern parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "tool pattern '" + text + "' must be server/name with exactly one '/'");
    }
    if (slash == 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("tool pattern '" + text + "' has an empty part");
    }
    if (text.contains("**")) {
      throw new IllegalArgumentException(
          "tool pattern '" + text + "' uses '**'; a tool part is matched by '*' alone");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "tool pattern '" + text + "' has whitespace or a control character at offset " + i);
      }
    }
    return new ToolPattern(Glob.compile(text));
  }

  /** Whether the tool id matches. */
  public boolean matches(ToolId tool) {
    return glob.matches(tool.qualifiedName());
  }

  /** Whether the pattern has no wildcard and so names exactly one tool. */
  public boolean isExact() {
    return glob.isLiteral();
  }

  /**
   * The pattern's text, canonical: what it was parsed from (after canonicalisation for resource
   * patterns), for tools that reason about patterns themselves, such as least-privilege analysis.
   */
  public String text() {
    return glob.source();
  }

  /** The compiled glob, for indexes. */
  Glob glob() {
    return glob;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolPattern p && glob.equals(p.glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return glob.source();
  }
}
