package io.toolgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Request;
import java.time.Instant;

/**
 * A caching and an uncached engine over one policy and one {@link MutableClock}, which must agree:
 * {@link #decide} asks the caching engine twice (a miss or a hit, then a hit) and the uncached one
 * once, and asserts the three decisions are equal.
 */
public final class Engines {
  private final MutableClock clock;
  private final DecisionEngine cached;
  private final DecisionEngine uncached;

  private Engines(Policy policy, Instant now) {
    this.clock = new MutableClock(now);
    this.cached = DecisionEngine.builder(policy).clock(clock).build();
    this.uncached = DecisionEngine.builder(policy).clock(clock).cacheSize(0).build();
  }

  /** Engines over {@code policy} with the clock at {@link Scenarios#BASE}. */
  public static Engines of(Policy policy) {
    return new Engines(policy, Scenarios.BASE);
  }

  /** Engines over {@code policy} with the clock at {@code now}. */
  public static Engines at(Policy policy, Instant now) {
    return new Engines(policy, now);
  }

  /**
   * The decision of {@code request}, after checking the caching engine agrees with the uncached
   * one.
   */
  public Decision decide(Request request) {
    Decision warm = cached.decide(request);
    Decision again = cached.decide(request);
    Decision cold = uncached.decide(request);
    assertThat(again).as("cache hit of %s", request).isEqualTo(warm);
    assertThat(cold).as("cached == uncached for %s", request).isEqualTo(warm);
    return warm;
  }

  /** The clock both engines read. */
  public MutableClock clock() {
    return clock;
  }

  /** The engine with the default cache. */
  public DecisionEngine cached() {
    return cached;
  }

  /** The engine without a cache. */
  public DecisionEngine uncached() {
    return uncached;
  }
}
