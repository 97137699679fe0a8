package io.toolgate.redis;

import io.toolgate.spi.DecisionGate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The gate of one replica: open while it has heard from Redis within the staleness bound and has
 * loaded the fleet's state at least once; closed otherwise. A decision reads one volatile field;
 * the follower opens it, the watchdog closes it, both under this object's lock so a late close
 * cannot undo a newer open.
 *
 * <p>"Heard" is the instant a request was <em>sent</em> whose reply brought every stream entry
 * written before it: whatever Redis held then, this replica has applied. Measured on the monotonic
 * clock.
 */
final class FleetGate implements DecisionGate {
  private final long stalenessNanos;
  private volatile @Nullable String closed = "this replica has not loaded the fleet's state yet";
  private long heardNanos;
  private boolean everHeard;
  private boolean shut;

  /** Completed at the next close, and at the next open (for tests and operators' probes). */
  private final List<CompletableFuture<Void>> onClose = new ArrayList<>();

  private final List<CompletableFuture<Void>> onOpen = new ArrayList<>();

  FleetGate(long stalenessNanos) {
    this.stalenessNanos = stalenessNanos;
  }

  @Override
  public @Nullable String closedBecause() {
    return closed;
  }

  /** Whether decisions may proceed now. */
  boolean open() {
    return closed == null;
  }

  /** The replica heard from Redis as of {@code sentNanos} and its state is complete: opens. */
  synchronized void heard(long sentNanos) {
    if (!everHeard || sentNanos - heardNanos > 0) {
      heardNanos = sentNanos;
    }
    everHeard = true;
    if (!shut && System.nanoTime() - heardNanos <= stalenessNanos) {
      closed = null;
      complete(onOpen);
    }
  }

  /** Closes the gate for good. */
  synchronized void shut(String why) {
    shut = true;
    closed = why;
    complete(onClose);
  }

  /**
   * Closes the gate if the replica has not heard for longer than the bound; the watchdog's tick.
   */
  synchronized void check(long nowNanos) {
    if (everHeard && closed == null && nowNanos - heardNanos > stalenessNanos) {
      closed =
          "this replica has not heard from the fleet's Redis for "
              + (nowNanos - heardNanos) / 1_000_000
              + " ms (staleness bound "
              + stalenessNanos / 1_000_000
              + " ms): its kill switches and counters may be out of date";
      complete(onClose);
    }
  }

  /** Completes when the gate is closed: now, or at its next close. */
  synchronized CompletableFuture<Void> whenClosed() {
    return when(closed != null, onClose);
  }

  /** Completes when the gate is open: now, or at its next open. */
  synchronized CompletableFuture<Void> whenOpen() {
    return when(closed == null, onOpen);
  }

  private static CompletableFuture<Void> when(boolean now, List<CompletableFuture<Void>> later) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (now) {
      f.complete(null);
    } else {
      later.add(f);
    }
    return f;
  }

  private static void complete(List<CompletableFuture<Void>> waiting) {
    waiting.forEach(f -> f.complete(null));
    waiting.clear();
  }
}
