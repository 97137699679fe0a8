package io.toolgate.spi;

import org.jspecify.annotations.Nullable;

/**
 * A gate every decision passes first, plugged in with {@link
 * io.toolgate.DecisionEngine.Builder#gate}: while it is closed, the engine denies every call with
 * {@link io.toolgate.Reason#FLEET_UNAVAILABLE} without looking at the policy. A fleet replica
 * closes it when it has not heard from the fleet's store for longer than its staleness bound (its
 * kill switches may be out of date), and opens it when it hears again.
 *
 * <p>The engine asks once per decision, cached hits included, so {@link #closedBecause()} must be
 * as cheap as one volatile read: keep the state in a field the gate's owner writes, and do no I/O
 * here. Implementations must be thread-safe. A gate that throws denies the call with {@link
 * io.toolgate.Reason#ERROR}.
 */
@FunctionalInterface
public interface DecisionGate {
  /**
   * Why the gate is closed now (the denial's detail), or null while it is open.
   *
   * @return null to let the decision proceed
   */
  @Nullable String closedBecause();
}
