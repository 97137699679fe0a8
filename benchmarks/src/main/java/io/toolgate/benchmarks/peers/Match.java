package io.toolgate.benchmarks.peers;

import java.util.Objects;
import java.util.Optional;

/**
 * One side of a grant: a tool or resource string matched exactly, or every string starting with a
 * prefix. The peer scenarios use only these two shapes because every peer can express them with the
 * same meaning (jCasbin {@code keyMatch}, Cedar {@code like}, SAPL {@code =~}, Shiro parts,
 * Toolgate globs); Toolgate's segment-bounded {@code *} has no counterpart in most peers.
 *
 * <p>A tool prefix is either {@code server/name-prefix} (Toolgate {@code server/name-prefix*}) or a
 * server-name prefix without {@code /} (Toolgate {@code prefix*}{@code /*}); a resource prefix ends
 * with {@code /} or {@code :} (Toolgate {@code prefix**}) or is empty (Toolgate {@code **}).
 *
 * @param text the exact string, or the prefix
 * @param prefix whether {@code text} is a prefix
 */
record Match(String text, boolean prefix) {
  Match {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/' || c == ':';
      if (!plain || c > 127) {
        // Keeps every rendering (regex, Cedar and SAPL strings, CSV, Shiro parts) free of escapes.
        throw new IllegalArgumentException("unsupported character '" + c + "' in " + text);
      }
    }
  }

  static Match exact(String text) {
    return new Match(text, false);
  }

  static Match prefix(String text) {
    return new Match(text, true);
  }

  boolean matches(String value) {
    return prefix ? value.startsWith(text) : value.equals(text);
  }

  /** The strings both match, when that set is again one match (always, for these two shapes). */
  Optional<Match> intersect(Match other) {
    if (!prefix && !other.prefix) {
      return text.equals(other.text) ? Optional.of(this) : Optional.empty();
    }
    if (!prefix) {
      return other.matches(text) ? Optional.of(this) : Optional.empty();
    }
    if (!other.prefix) {
      return matches(other.text) ? Optional.of(other) : Optional.empty();
    }
    if (text.startsWith(other.text)) {
      return Optional.of(this);
    }
    return other.text.startsWith(text) ? Optional.of(other) : Optional.empty();
  }

  /** A string this match matches, for building requests. */
  String sample(String suffix) {
    return prefix ? text + suffix : text;
  }

  /** As a Toolgate tool pattern. */
  String toolgateTool() {
    if (!prefix) {
      return text;
    }
    return text.contains("/") ? text + "*" : text + "*/*";
  }

  /** As a Toolgate resource pattern. */
  String toolgateResource() {
    if (!prefix) {
      return text;
    }
    if (!text.isEmpty() && !text.endsWith("/") && !text.endsWith(":")) {
      throw new IllegalStateException("a resource prefix must end with '/' or ':': " + text);
    }
    return text + "**";
  }

  /** As a jCasbin {@code keyMatch} key: a trailing {@code *} is a prefix match. */
  String keyMatch() {
    return prefix ? text + "*" : text;
  }

  /** As a Cedar condition on the string attribute {@code expr}. */
  String cedar(String expr) {
    return prefix ? expr + " like \"" + text + "*\"" : expr + " == \"" + text + "\"";
  }

  /** As a SAPL condition on {@code expr}: equality, or the regex operator for a prefix. */
  String sapl(String expr) {
    return prefix ? expr + " =~ \"" + text + ".*\"" : expr + " == \"" + text + "\"";
  }

  @Override
  public String toString() {
    return prefix ? text + "…" : text;
  }
}
