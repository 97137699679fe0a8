package io.toolgate.document;

import java.util.Objects;

/**
 * A place in a policy document: its source (usually the file name), line and column, both counted
 * from 1.
 *
 * @param source the file or source name
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Location(String source, int line, int column) {
  /** Validates. */
  public Location {
    Objects.requireNonNull(source, "source");
  }

  /** Returns {@code source:line:column}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
