package io.toolgate.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link LimitStore} answers when asked to take one call from a set of counters: every
 * counter gave one ({@link Consumed}), or one of them had none left and nothing was taken ({@link
 * Exhausted}).
 */
public sealed interface Consumption permits Consumption.Consumed, Consumption.Exhausted {

  /** One call was taken from every counter. */
  enum Consumed implements Consumption {
    /** The only value: consuming allocates nothing. */
    INSTANCE
  }

  /**
   * A counter had no call left, so nothing was taken from any.
   *
   * @param counter the index, in the list asked about, of the counter that waits longest
   * @param nextCallAt the earliest instant at which every counter asked about has a call again
   */
  record Exhausted(int counter, Instant nextCallAt) implements Consumption {
    /** Validates. */
    public Exhausted {
      if (counter < 0) {
        throw new IllegalArgumentException("counter must be >= 0, was " + counter);
      }
      Objects.requireNonNull(nextCallAt, "nextCallAt");
    }
  }
}
