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
 * <p>Cache hits are not counted as such: a lookup counts, a miss counts inside the loader, and hits
 * are lookups minus misses (a snapshot reads misses first, so every miss it sees has its lookup
 * counted too). That keeps the hit path at one increment for the lookup and one for the decision.
 */
public final class StatsCounter {
  /** One adder per reason, all made at construction and never replaced (read-only map). */
  private final Map<Reason, LongAdder> decisions = new EnumMap<>(Reason.class);

  private final LongAdder lookups = new LongAdder();
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

  void lookup() {
    lookups.increment();
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
    long looked = lookups.sum();
    Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    decisions.forEach(
        (r, adder) -> {
          long n = adder.sum();
          if (n != 0) {
            byReason.put(r, n);
          }
        });
    return new EngineStats(
        byReason,
        Math.max(0, looked - missed),
        missed,
        compiles.sum(),
        Math.max(0, compileNanos.sum()));
  }
}
