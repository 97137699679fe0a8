package io.toolgate.benchmarks;

import io.toolgate.DecisionEngine;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.redis.FleetReceipt;
import io.toolgate.redis.RedisFleet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two fleet measurements that are not per-call costs, on a real redis-server on loopback with three
 * replicas in this JVM:
 *
 * <ol>
 *   <li>kill-switch propagation: from just before replica A's {@code suspend} (or {@code
 *       reinstate}) to both B and C having applied it ({@link RedisFleet#whenApplied}), p50, p99
 *       and max over {@code SWITCHES} switches;
 *   <li>fleet-wide calls per second a shared limit sustains: {@code THREADS} threads on each
 *       replica calling a tool under one Redis-counted limit (that never runs out) for {@code
 *       SECONDS}.
 * </ol>
 *
 * <p>Run after {@code benchmarks/run.sh} built the jar: {@code java -cp
 * benchmarks/target/benchmarks.jar io.toolgate.benchmarks.FleetMeasure [SWITCHES [SECONDS
 * [THREADS]]]} (defaults 2000, 10, 4).
 */
public final class FleetMeasure {
  private static final ToolId TOOL = ToolId.parse("payments/transfer");

  private FleetMeasure() {}

  /** Runs both measurements and prints them. */
  public static void main(String[] args) throws Exception {
    int switches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    try (FleetRedis redis = FleetRedis.start()) {
      DecisionEngine[] a = new DecisionEngine[1];
      DecisionEngine[] b = new DecisionEngine[1];
      DecisionEngine[] c = new DecisionEngine[1];
      try (RedisFleet fa = redis.join(FleetRedis.policy(1_000_000_000_000L), a);
          RedisFleet fb = redis.join(FleetRedis.policy(1_000_000_000_000L), b);
          RedisFleet fc = redis.join(FleetRedis.policy(1_000_000_000_000L), c)) {
        long[] micros = propagation(fa, fb, fc, switches);
        System.out.printf(
            "kill-switch propagation to 2 other replicas (%d switches, loopback): p50 %d us, p99 %d"
                + " us, max %d us%n",
            switches, pct(micros, 50), pct(micros, 99), micros[micros.length - 1]);
        long calls = throughput(List.of(a[0], b[0], c[0]), threads, seconds);
        System.out.printf(
            "fleet-wide calls/s one Redis-counted limit sustains (3 replicas x %d threads, %d s):"
                + " %d%n",
            threads, seconds, calls / seconds);
      }
    }
  }

  static long[] propagation(RedisFleet a, RedisFleet b, RedisFleet c, int n) throws Exception {
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      FleetReceipt r = i % 2 == 0 ? a.suspend("bob") : a.reinstate("bob");
      CompletableFuture.allOf(b.whenApplied(r.streamId()), c.whenApplied(r.streamId()))
          .get(60, TimeUnit.SECONDS);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(micros);
    return micros;
  }

  static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  static long throughput(List<DecisionEngine> replicas, int threads, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(replicas.size() * threads);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (DecisionEngine e : replicas) {
        for (int t = 0; t < threads; t++) {
          parts.add(
              pool.submit(
                  () -> {
                    long allowed = 0;
                    while (!stop.get()) {
                      if (e.canInvoke("alice", TOOL, ResourceId.NONE)) {
                        allowed++;
                      }
                    }
                    return allowed;
                  }));
        }
      }
      TimeUnit.SECONDS.sleep(seconds); // the measuring window itself
      stop.set(true);
      long total = 0;
      for (Future<Long> f : parts) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
