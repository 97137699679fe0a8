package io.toolgate;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DecisionEngine} built with {@link DecisionEngine.Builder#recordStats()} has counted
 * since it was built: an immutable snapshot, as Caffeine's {@code CacheStats} is. Counts only grow;
 * a snapshot is taken without stopping deciders, so two counts of one snapshot may be a few calls
 * apart. A monitoring bridge (such as {@code toolgate-micrometer}) reads it on every scrape.
 *
 * @param decisions how many decisions the engine returned, per reason ({@link Reason#PERMITTED} is
 *     the only reason of an allow); reasons never seen may be absent and count as 0
 * @param cacheHits lookups of the residual cache answered by a cached residual
 * @param cacheMisses lookups of the residual cache that had to build the residual (0 when caching
 *     is off)
 * @param residualCompiles how many times a residual was built from the policy: on a cache miss, for
 *     a cached call whose kill switch is on, and for every decision of an engine without cache
 * @param residualCompileNanos the monotonic time those builds took, in nanoseconds
 */
public record EngineStats(
    Map<Reason, Long> decisions,
    long cacheHits,
    long cacheMisses,
    long residualCompiles,
    long residualCompileNanos) {

  /** The snapshot of an engine that counted nothing (or does not record stats). */
  public static final EngineStats EMPTY = new EngineStats(Map.of(), 0, 0, 0, 0);

  /** Validates and copies. */
  public EngineStats {
    decisions = Map.copyOf(decisions);
    for (Map.Entry<Reason, Long> e : decisions.entrySet()) {
      requireNonNegative(e.getValue(), "decisions of " + e.getKey());
    }
    requireNonNegative(cacheHits, "cacheHits");
    requireNonNegative(cacheMisses, "cacheMisses");
    requireNonNegative(residualCompiles, "residualCompiles");
    requireNonNegative(residualCompileNanos, "residualCompileNanos");
  }

  /** How many decisions had {@code reason} (so, for every reason but PERMITTED, were denials). */
  public long decisions(Reason reason) {
    Objects.requireNonNull(reason, "reason");
    return decisions.getOrDefault(reason, 0L);
  }

  /** How many decisions had {@code effect}. */
  public long decisions(Effect effect) {
    Objects.requireNonNull(effect, "effect");
    long allowed = decisions(Reason.PERMITTED);
    return effect == Effect.ALLOW ? allowed : decisionCount() - allowed;
  }

  /** How many decisions the engine returned, of any effect. */
  public long decisionCount() {
    long n = 0;
    for (long c : decisions.values()) {
      n += c;
    }
    return n;
  }

  /** Lookups of the residual cache: hits plus misses. */
  public long cacheLookups() {
    return cacheHits + cacheMisses;
  }

  /** The share of cache lookups that hit, 1.0 when there were none (as Caffeine's hitRate). */
  public double cacheHitRate() {
    long lookups = cacheLookups();
    return lookups == 0 ? 1.0 : (double) cacheHits / lookups;
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
  }
}
