package io.toolgate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy failed validation. Every problem found is reported at once, not just the first, and
 * nothing of the rejected policy is ever used.
 */
public final class InvalidPolicyException extends ToolgateException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates the exception from a non-empty list of problems. */
  public InvalidPolicyException(List<String> problems) {
    super(ErrorCode.INVALID_POLICY, format(problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid policy has at least one problem");
    }
    return problems.size() == 1
        ? "invalid policy: " + problems.get(0)
        : "invalid policy, "
            + problems.size()
            + " problems:"
            + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
  }

  /** Every problem found, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
