package io.toolgate.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One counter a call consumes from: the calls of one limit ({@code limitId}) for one key ({@code
 * principal:alice}, {@code origin:alice}, {@code session:d-42}), at most {@code calls} per fixed
 * {@code window} aligned to the epoch. A {@link LimitStore} keys its bucket by {@code (limitId,
 * key)} and builds it from {@code calls} and {@code window}.
 *
 * @param limitId names the limit's definition and the rule carrying it; stable across policy swaps
 *     while the limit is unchanged, so counters survive them
 * @param key what the calls are counted per, prefixed with its kind
 * @param calls the calls each window allows, at least 1
 * @param window the window, a positive whole number of milliseconds
 */
public record LimitCounter(String limitId, String key, long calls, Duration window) {
  /** Validates. */
  public LimitCounter {
    Objects.requireNonNull(limitId, "limitId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be >= 1, was " + calls);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
  }
}
