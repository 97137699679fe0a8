package io.toolgate.audit;

import java.time.Instant;

/**
 * The text of an instant in milliseconds, exactly as {@link Instant#toString()} writes it ({@code
 * 2026-11-29T10:30:10.441Z}; no fraction when the milliseconds are zero), from the text of its
 * second, which is kept: an audit consumer writes thousands of lines a second, and formatting each
 * time from scratch was the largest share of its garbage (a quarter of what it allocated per line),
 * which competes for the memory system with the threads that decide.
 *
 * <p>Thread-safe: the kept second is one immutable value in a volatile field, replaced when a line
 * of another second comes; concurrent writers at worst format a second twice.
 */
final class InstantText {
  /** A second and its text without the zone letter ({@code 2026-11-29T10:30:10}). */
  private record Second(long epochSecond, String text) {}

  private volatile Second last = new Second(0, "1970-01-01T00:00:00");

  /** {@code Instant.ofEpochMilli(epochMillis).toString()}, without building the instant's text. */
  String of(long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    Second s = last;
    if (s.epochSecond != epochSecond) {
      String whole = Instant.ofEpochSecond(epochSecond).toString();
      s = new Second(epochSecond, whole.substring(0, whole.length() - 1)); // without the 'Z'
      last = s;
    }
    if (millis == 0) {
      return s.text + 'Z';
    }
    StringBuilder b = new StringBuilder(s.text.length() + 5).append(s.text).append('.');
    if (millis < 100) {
      b.append('0');
    }
    if (millis < 10) {
      b.append('0');
    }
    return b.append(millis).append('Z').toString();
  }
}
