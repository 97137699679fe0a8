package io.toolgate.abac;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests set by hand. Thread-safe. */
final class FakeClock implements InstantSource {
  private volatile Instant now;

  FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(Instant instant) {
    now = instant;
  }
}
