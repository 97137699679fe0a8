package io.toolgate.audit;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.Divergence;
import io.toolgate.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands decisions to a slower listener (the audit log, a remote sink) on its own thread, so the
 * deciding thread never waits for it, never takes a lock and never wakes a thread: an event crosses
 * a bounded lock-free multi-producer queue (JCTools' {@code MpscArrayQueue}); the consumer drains
 * it in batches and does the formatting and I/O. When the queue is full, the event is dropped and
 * counted ({@link #dropped()}); an engine built with {@link DecisionEngine.Builder#requireAudit}
 * denies such a call instead ({@link Reason#AUDIT_UNAVAILABLE}).
 *
 * <p>The consumer survives anything the delegate throws, errors included: the failure is logged,
 * counted ({@link #listenerFailures()}) and the next event is delivered. A {@link
 * BatchAwareListener} delegate also hears where each batch ends, to flush its output there. {@link
 * #close()} returns within its bound whatever the delegate does.
 *
 * <p>Thread-safe: any number of deciding threads may call {@link #onDecision} and {@link #offer}.
 */
public final class AsyncDecisionListener implements DecisionListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncDecisionListener.class);

  /** How long {@link #close()} waits for the queue to drain. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final int BATCH = 1_024;
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long BATCH_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final DecisionListener delegate;
  private final MpscArrayQueue<DecisionEvent> queue;
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final Thread thread;
  private final Duration closeTimeout;
  private volatile boolean closing;

  private AsyncDecisionListener(DecisionListener delegate, int capacity, Duration closeTimeout) {
    this.delegate = delegate;
    this.queue = new MpscArrayQueue<>(capacity);
    this.closeTimeout = closeTimeout;
    this.thread = new Thread(this::drain, "toolgate-async-listener");
    this.thread.setDaemon(true);
  }

  /**
   * Wraps {@code delegate}; at most {@code capacity} events (rounded up to a power of two) wait at
   * a time.
   *
   * @throws IllegalArgumentException if capacity is less than 2
   */
  public static AsyncDecisionListener wrap(DecisionListener delegate, int capacity) {
    return wrap(delegate, capacity, DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Wraps {@code delegate}; at most {@code capacity} events wait at a time; {@link #close()} waits
   * at most {@code closeTimeout} for them to be delivered.
   *
   * @throws IllegalArgumentException if capacity is less than 2 or the timeout is negative
   */
  public static AsyncDecisionListener wrap(
      DecisionListener delegate, int capacity, Duration closeTimeout) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
    }
    AsyncDecisionListener l = new AsyncDecisionListener(delegate, capacity, closeTimeout);
    l.thread.start();
    return l;
  }

  /** Queues the event, or drops and counts it when the queue is full or closed. */
  @Override
  public void onDecision(DecisionEvent event) {
    offer(event);
  }

  /**
   * Queues the event for the delegate.
   *
   * @return false, with the event dropped and counted, when the queue is full or closed
   */
  @Override
  public boolean offer(DecisionEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.increment();
      return false;
    }
    return true;
  }

  /**
   * Hands a shadow divergence straight to the delegate: divergences already arrive on the shadow
   * run's own thread, never a deciding one. A delegate failure is counted like a delivery's.
   */
  @Override
  public void onDivergence(Divergence divergence) {
    try {
      delegate.onDivergence(divergence);
    } catch (Throwable t) {
      failures.incrementAndGet();
      LOG.warn("audit delegate failed on a divergence", t);
    }
  }

  /** How many events were dropped because the queue was full or closed. */
  public long dropped() {
    return dropped.sum();
  }

  /** How many deliveries the delegate failed (threw anything, errors included). */
  public long listenerFailures() {
    return failures.get();
  }

  /** How many events were handed to the delegate (failed deliveries included). */
  public long delivered() {
    return delivered.get();
  }

  private void drain() {
    long park = 0;
    while (true) {
      int n = queue.drain(this::deliver, BATCH);
      endOfBatch();
      if (n == BATCH) {
        park = 0;
        continue; // a backlog: keep draining
      }
      if (closing && queue.isEmpty()) {
        return;
      }
      if (n > 0) {
        // Let a batch gather before the next pass: reading each slot as soon as it is written
        // would pull the producers' cache lines over for every event.
        park = 0;
        LockSupport.parkNanos(this, BATCH_PAUSE_NANOS);
        continue;
      }
      // Idle: back off from spinning to parking, so producers never need to wake this thread.
      if (park == 0) {
        park = 1_000;
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, park);
        park = Math.min(park * 2, MAX_PARK_NANOS);
      }
      if (Thread.interrupted() && closing) {
        return;
      }
    }
  }

  /** Tells a {@link BatchAwareListener} delegate that a pass over the queue ended. */
  private void endOfBatch() {
    if (delegate instanceof BatchAwareListener batched) {
      try {
        batched.endOfBatch();
      } catch (Throwable t) { // as in deliver: the consumer goes on
        long n = failures.incrementAndGet();
        if (Long.bitCount(n) == 1) {
          LOG.warn(
              "decision listener {} failed at the end of a batch ({} failures so far)",
              delegate,
              n,
              t);
        }
      }
    }
  }

  private void deliver(DecisionEvent event) {
    delivered.incrementAndGet();
    try {
      delegate.onDecision(event);
    } catch (Throwable t) { // the audit trail must go on whatever one delivery throws
      long n = failures.incrementAndGet();
      if (Long.bitCount(n) == 1) { // the 1st, 2nd, 4th, 8th... failure: loud but bounded
        LOG.warn(
            "decision listener {} failed ({} failures so far); the decision stood", delegate, n, t);
      }
    }
  }

  /**
   * Stops accepting events and waits up to the close timeout given to {@link #wrap} (default {@link
   * #DEFAULT_CLOSE_TIMEOUT}) for the queued ones to be delivered; returns within that bound
   * whatever the delegate does. Idempotent.
   */
  @Override
  public void close() {
    close(closeTimeout);
  }

  /**
   * Stops accepting events and waits up to {@code timeout} for the queued ones to be delivered;
   * events still queued then are abandoned (and logged as a count).
   *
   * @return true if every queued event was delivered in time
   */
  public boolean close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      int abandoned = queue.size();
      dropped.add(abandoned); // never delivered: they count as dropped
      LOG.warn(
          "decision listener {} did not drain within {}; {} events abandoned",
          delegate,
          timeout,
          abandoned);
      return false;
    }
    return true;
  }
}
