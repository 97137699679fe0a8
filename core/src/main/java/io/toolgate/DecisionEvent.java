package io.toolgate;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision as listeners see it. Built on the deciding thread with no formatting: the time is
 * kept as epoch milliseconds and turned into an {@link Instant} only when asked for.
 *
 * @param epochMillis when the decision was made, by the engine's clock, in epoch milliseconds
 * @param request what was asked
 * @param decision the answer
 * @param nanos how long deciding took, in nanoseconds, or -1 when the engine does not measure it
 *     ({@link DecisionEngine.Builder#measureLatency})
 */
public record DecisionEvent(long epochMillis, Request request, Decision decision, long nanos) {
  /** Validates. */
  public DecisionEvent {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
  }

  /** An event at {@code time}. */
  public DecisionEvent(Instant time, Request request, Decision decision, long nanos) {
    this(time.toEpochMilli(), request, decision, nanos);
  }

  /** When the decision was made, by the engine's clock. */
  public Instant time() {
    return Instant.ofEpochMilli(epochMillis);
  }
}
