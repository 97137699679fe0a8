package io.toolgate.document;

import java.util.Objects;

/**
 * One thing wrong with a policy document, where it is and what was expected.
 *
 * @param location where
 * @param message what is wrong, and what was expected instead
 */
public record DocumentProblem(Location location, String message) {
  /** Validates. */
  public DocumentProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code FILE:LINE:COLUMN: message}, the form compilers and editors understand. */
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
