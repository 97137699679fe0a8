package io.toolgate;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands decisions to a slow listener (a remote audit sink, say) on its own thread, so the deciding
 * thread never waits for it. The queue is bounded: when it is full, events are dropped and counted
 * ({@link #dropped()}), never blocking a decision. Close it to stop the thread after the queue
 * drains.
 */
public final class AsyncDecisionListener implements DecisionListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncDecisionListener.class);

  private final DecisionListener delegate;
  private final BlockingQueue<Object> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private final Object stopMarker = new Object();

  private AsyncDecisionListener(DecisionListener delegate, int capacity) {
    this.delegate = delegate;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::drain, "toolgate-async-listener");
    this.thread.setDaemon(true);
  }

  /**
   * Wraps {@code delegate}; at most {@code capacity} events wait at a time.
   *
   * @throws IllegalArgumentException if capacity is not positive
   */
  public static AsyncDecisionListener wrap(DecisionListener delegate, int capacity) {
    Objects.requireNonNull(delegate, "delegate");
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    AsyncDecisionListener l = new AsyncDecisionListener(delegate, capacity);
    l.thread.start();
    return l;
  }

  @Override
  public void onDecision(DecisionEvent event) {
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /** How many events were dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  private void drain() {
    try {
      while (true) {
        Object next = queue.take();
        if (next == stopMarker) {
          return;
        }
        try {
          delegate.onDecision((DecisionEvent) next);
        } catch (RuntimeException e) {
          LOG.warn("decision listener {} failed; the decision stood", delegate, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread once the events already queued have been delivered. */
  @Override
  public void close() {
    try {
      queue.put(stopMarker);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
