package io.toolgate.internal.engine;

import java.time.Instant;

/**
 * The one rule for expiry, used everywhere: an expiry instant is compared at millisecond
 * resolution, rounded down, and a principal or hop is expired from that millisecond on ({@code now
 * >= expiry}). Rounding down can only end access early, never late.
 */
final class Expiry {
  private Expiry() {}

  static long millis(Instant expiry) {
    try {
      return expiry.toEpochMilli();
    } catch (ArithmeticException e) {
      return expiry.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
