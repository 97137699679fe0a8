package io.toolgate;

import java.util.Objects;

/** Thrown by {@link DecisionEngine#check(Request)} when a call is denied; carries the decision. */
public final class AccessDeniedException extends ToolgateException {
  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  /** Creates the exception for a deny decision. */
  public AccessDeniedException(Decision decision) {
    super(ErrorCode.ACCESS_DENIED, "denied: " + Objects.requireNonNull(decision, "decision"));
    if (decision.isAllowed()) {
      throw new IllegalArgumentException("an allow decision is not a denial");
    }
    this.decision = decision;
  }

  /** The decision that refused the call. */
  public Decision decision() {
    return decision;
  }
}
