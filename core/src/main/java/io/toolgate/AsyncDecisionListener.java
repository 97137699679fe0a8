package io.toolgate;

import java.time.Duration;
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
 *
 * <p>The thread survives anything the delegate throws: every {@link Throwable}, {@link Error}s
 * such as {@code AssertionError} or {@code StackOverflowError} included, is logged, counted
 * ({@link #listenerFailures()}) and the next event is delivered. {@code OutOfMemoryError} is
 * treated alike: a thread that died would silently lose every later event, and whether the JVM
 * should stop on it is for {@code -XX:+ExitOnOutOfMemoryError} to decide, not for a listener.
 *
 * <p>{@link #close()} returns within the close timeout (default {@link #DEFAULT_CLOSE_TIMEOUT})
 * even when the delegate hangs: events still queued then are counted as dropped.
 */
public final class AsyncDecisionListener implements DecisionListener, AutoCloseable {
  /** How long {@link #close()} waits for the queue to drain unless told otherwise. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(AsyncDecisionListener.class);

  private final DecisionListener delegate;
  private final BlockingQueue<Object> queue;
  private final Object stopMarker = new Object();
  private final Duration closeTimeout;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  private AsyncDecisionListener(DecisionListener delegate, int capacity, Duration closeTimeout) {
    this.delegate = delegate;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.closeTimeout = closeTimeout;
    this.thread = new Thread(this::drain, "toolgate-async-listener");
    this.thread.setDaemon(true);
  }

  /**
   * Wraps {@code delegate}; at most {@code capacity} events wait at a time; {@link #close()} waits
   * at most {@link #DEFAULT_CLOSE_TIMEOUT}.
   *
   * @throws IllegalArgumentException if capacity is not positive
   */
  public static AsyncDecisionListener wrap(DecisionListener delegate, int capacity) {
    return wrap(delegate, capacity, DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Wraps {@code delegate}; at most {@code capacity} events wait at a time; {@link #close()} waits
   * at most {@code closeTimeout} for them to be delivered.
   *
   * @throws IllegalArgumentException if capacity is not positive or the timeout is negative
   */
  public static AsyncDecisionListener wrap(DecisionListener delegate, int capacity, Duration closeTimeout) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
    }
    AsyncDecisionListener l = new AsyncDecisionListener(delegate, capacity, closeTimeout);
    l.thread.start();
    return l;
  }

  @Override
  public void onDecision(DecisionEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /** How many events were dropped: the queue was full, the listener was closed, or close timed out. */
  public long dropped() {
    return dropped.get();
  }

  /** How many times the delegate threw (anything at all); each such event is lost, later ones are not. */
  public long listenerFailures() {
    return failures.get();
  }

  private void drain() {
    while (!(closing && Thread.currentThread().isInterrupted())) { // interrupted: close() gave up
      Object next;
      try {
        // Once closing, an empty queue ends the thread; before that, wait for the next event.
        next = closing ? queue.poll() : queue.take();
      } catch (InterruptedException e) {
        return; // close() timed out and gave up on the rest
      }
      if (next == null || next == stopMarker) {
        return;
      }
      try {
        delegate.onDecision((DecisionEvent) next);
      } catch (Throwable t) { // NOPMD: a plug-in must not stop the audit trail, whatever it throws
        failures.incrementAndGet();
        LOG.error("decision listener {} failed ({} failures so far); the decision stood and later "
            + "events are still delivered", delegate, failures.get(), t);
      }
    }
    LOG.debug("decision listener thread stopped by close()");
  }

  /**
   * Stops accepting events and waits, at most the close timeout, until those already queued have
   * been delivered. Always returns within the timeout; what is left undelivered is counted as
   * dropped and logged.
   */
  @Override
  public void close() {
    closing = true;
    // Wakes the thread if it waits on an empty queue; when the queue is full, the thread is busy
    // and sees the flag once it has drained.
    queue.offer(stopMarker);
    try {
      thread.join(Math.max(1, closeTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean hung = thread.isAlive();
    if (hung) {
      thread.interrupt();
    }
    int left = 0;
    for (Object o = queue.poll(); o != null; o = queue.poll()) {
      left += o == stopMarker ? 0 : 1;
    }
    dropped.addAndGet(left);
    if (hung) {
      LOG.warn("decision listener {} did not finish within {}; {} queued events dropped", delegate,
          closeTimeout, left);
    }
  }
}
