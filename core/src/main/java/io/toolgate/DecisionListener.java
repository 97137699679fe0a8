package io.toolgate;

/**
 * Hears every decision an engine makes: audit logs, metrics. Called on the deciding thread after
 * the decision is made; an exception thrown here is logged and swallowed, and never changes the
 * decision or reaches the caller. A listener that may be slow should hand events to its own queue,
 * since the caller waits for it.
 */
@FunctionalInterface
public interface DecisionListener {
  /** Receives one decision. */
  void onDecision(DecisionEvent event);

  /**
   * Hands one decision over and says whether this listener took it. The engine calls this on a
   * listener given to {@code DecisionEngine.Builder.requireAudit} and denies the call when it
   * returns false. The default delivers it with {@link #onDecision} and answers true; a queueing
   * listener answers false when its queue is full or closed.
   */
  default boolean offer(DecisionEvent event) {
    onDecision(event);
    return true;
  }

  /**
   * Hears a call on which a shadow candidate policy would have decided otherwise ({@link
   * Rollout#shadow}), on the shadow run's thread. The default ignores it; an audit log records it.
   */
  default void onDivergence(Divergence divergence) {}
}
