package io.toolgate;

/**
 * Hears every decision an engine makes: audit logs, metrics. Called on the deciding thread after
 * the decision is made; an exception thrown here is logged and swallowed, and never changes the
 * decision or reaches the caller. A listener that may be slow should hand events to its own
 * queue, since the caller waits for it.
 */
@FunctionalInterface
public interface DecisionListener {
  /** Receives one decision. */
  void onDecision(DecisionEvent event);
}
