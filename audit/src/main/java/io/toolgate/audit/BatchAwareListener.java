package io.toolgate.audit;

import io.toolgate.DecisionListener;

/**
 * A listener that wants to know where the batches of {@link AsyncDecisionListener} end: its
 * consumer thread calls {@link #endOfBatch()} after each pass over the queue, whether that pass
 * delivered events or found none (so at least about once a millisecond while idle), and once more
 * before it stops. A listener buffers its output in {@link #onDecision} and flushes it there, and
 * does time-driven work (a checkpoint every T seconds) there, always on the consumer thread.
 */
public interface BatchAwareListener extends DecisionListener {
  /** The queue was drained for now: flush what is buffered, do what is due. */
  void endOfBatch();
}
