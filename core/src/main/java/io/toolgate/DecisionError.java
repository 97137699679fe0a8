package io.toolgate;

import java.util.Objects;

/**
 * An evaluation problem recorded in a {@link Decision}: which rule or component failed, and how.
 *
 * @param source the id of the rule, entry or plug-in that failed
 * @param message what went wrong
 */
public record DecisionError(String source, String message) {
  /** Validates. */
  public DecisionError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return source + ": " + message;
  }
}
