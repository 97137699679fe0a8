package io.toolgate.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The kill-switch state of one principal, tool or delegation id, shared by every cached residual
 * that depends on it. A cached hit reads {@link #state} of each switch it depends on (a plain load
 * on x86, nothing written), so throwing a switch is one volatile write and costs nothing to the
 * residuals of anyone else: no cache is dropped or scanned.
 *
 * <p>Bits are set and cleared only under the engine's write lock; readers need no lock.
 */
final class Switch {
  static final int SUSPENDED = 1;
  static final int DECOMMISSIONED = 2;
  static final int DISABLED = 4;
  static final int REVOKED = 8;

  /** No expiry seen yet: the id was never seen on a hop. */
  static final long HORIZON_UNKNOWN = Long.MIN_VALUE;

  /** A hop carrying the id without an expiry was seen: the id can stay valid for ever. */
  static final long HORIZON_NEVER = Long.MAX_VALUE;

  /** The bits above; 0 when nothing is switched (the common case). */
  volatile int state;

  /**
   * For delegation ids: the latest expiry (epoch millis) of a hop seen carrying this id, so a
   * revocation can be forgotten once every delegation it could stop has expired.
   */
  private final AtomicLong horizon = new AtomicLong(HORIZON_UNKNOWN);

  boolean is(int bit) {
    return (state & bit) != 0;
  }

  /** Called under the engine's write lock. */
  void set(int bit) {
    state = state | bit;
  }

  /** Called under the engine's write lock. */
  void clear(int bit) {
    state = state & ~bit;
  }

  long horizon() {
    return horizon.get();
  }

  /**
   * Raises the horizon to {@code millis} if it is later; a read, and a write only when it grows.
   */
  void extendHorizon(long millis) {
    long current = horizon.get();
    while (millis > current && !horizon.compareAndSet(current, millis)) {
      current = horizon.get();
    }
  }
}
