package io.toolgate;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision as listeners see it.
 *
 * @param time when the decision was made, by the engine's clock
 * @param request what was asked
 * @param decision the answer
 * @param nanos how long deciding took, in nanoseconds
 */
public record DecisionEvent(Instant time, Request request, Decision decision, long nanos) {
  /** Validates. */
  public DecisionEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
  }
}
