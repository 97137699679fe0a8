package io.toolgate.guard;

import io.toolgate.AccessDeniedException;
import io.toolgate.Decision;
import java.util.Objects;

/**
 * What {@link ToolGuard#call} returns: the tool's result with the decision that allowed it, or the
 * decision that denied the call, in which case the tool body never ran.
 *
 * @param <T> the tool body's result type
 */
public sealed interface GuardResult<T> permits GuardResult.Allowed, GuardResult.Denied {
  /** The decision: an allow for {@link Allowed}, a deny for {@link Denied}. */
  Decision decision();

  /** Whether the call was allowed and the body ran. */
  default boolean isAllowed() {
    return this instanceof Allowed;
  }

  /**
   * The call was allowed and the tool body ran.
   *
   * @param decision the allow decision
   * @param value what the body returned (may be null if the body returns null)
   * @param <T> the result type
   */
  record Allowed<T>(Decision decision, T value) implements GuardResult<T> {
    /** Validates. */
    public Allowed {
      Objects.requireNonNull(decision, "decision");
      if (!decision.isAllowed()) {
        throw new IllegalArgumentException(
            "an Allowed result needs an allow decision: " + decision);
      }
    }
  }

  /**
   * The call was denied; the tool body did not run.
   *
   * @param decision the deny decision, with its reason
   * @param <T> the result type the body would have had
   */
  record Denied<T>(Decision decision) implements GuardResult<T> {
    /** Validates. */
    public Denied {
      Objects.requireNonNull(decision, "decision");
      if (decision.isAllowed()) {
        throw new IllegalArgumentException("a Denied result needs a deny decision: " + decision);
      }
    }

    /** The denial as an exception, for callers that throw. */
    public AccessDeniedException toException() {
      return new AccessDeniedException(decision);
    }
  }
}
