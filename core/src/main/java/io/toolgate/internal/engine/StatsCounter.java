package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.EngineStats;
import io.toolgate.Reason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link EngineStats}, for an engine that records stats. Only such an engine
 * has one: without it a decision writes nothing shared (a cached hit stays read-only). With it,
 * each count is a {@link LongAdder}, which stripes its cells across contending threads, so counting
 * costs an uncontended CAS and threads do not queue on one cache line.
 *
 * <p>Neither cache hits nor lookups are counted as such: every decision counts (by reason), a miss
 * counts inside the loader, and the rare decisions made without looking in the cache (a closed
 * {@link io.toolgate.spi.DecisionGate}, an engine without a cache) count as skipped. Lookups are
 * decisions minus skipped, hits are lookups minus misses. That keeps a cached hit at one increment,
 * the decision's.
 */
public final class StatsCounter {
  /** One adder per reason, all made at construction and never replaced (read-only map). */
  private final Map<Reason, LongAdder> decisions = new EnumMap<>(Reason.class);

  private final LongAdder skipped = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder compiles = new LongAdder();
  private final LongAdder compileNanos = new LongAdder();

  /** Counters at zero. */
  public StatsCounter() {
    for (Reason r : Reason.values()) {
      decisions.put(r, new LongAdder());
    }
  }

  /** Counts a decision the engine returns. */
  public void decided(Decision decision) {
    decisions.get(decision.reason()).increment();
  }

  /** Counts a decision made without looking in the residual cache. */
  void skippedCache() {
    skipped.increment();
  }

  void miss() {
    misses.increment();
  }

  /** Counts one residual built from the policy, which began at {@code startNanos}. */
  void compiled(long startNanos) {
    compiles.increment();
    compileNanos.add(System.nanoTime() - startNanos);
  }

  /** What has been counted so far. */
  public EngineStats snapshot() {
    long missed = misses.sum();
    long skips = skipped.sum();
    Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    long decided = 0;
    for (Map.Entry<Reason, LongAdder> e : decisions.entrySet()) {
      long n = e.getValue().sum();
      if (n != 0) {
        byReason.put(e.getKey(), n);
        decided += n;
      }
    }
    // Decisions are counted once made, misses while making them: a snapshot taken meanwhile may
    // see a miss before its decision, never the reverse, so hits can only be under-counted.
    long looked = decided - skips;
    return new EngineStats(
        byReason,
        Math.max(0, looked - missed),
        missed,
        compiles.sum(),
        Math.max(0, compileNanos.sum()));
  }
}
