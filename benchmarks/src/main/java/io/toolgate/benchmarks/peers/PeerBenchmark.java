package io.toolgate.benchmarks.peers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Toolgate against the peers a Java user can pick (jCasbin, cedar-java, SAPL, Shiro) and a {@code
 * ConcurrentHashMap.get} floor, on the same policy and the same requests: every engine compiles the
 * scenario ({@link Scenarios}) into its own policy once, then each operation answers the next
 * request of the workload (allowed and denied mixed), cycling. Every trial first runs the
 * cross-check: the engine under test and Toolgate must give the reference model's answer to every
 * request, or the setup throws (run with {@code -foe true} so that fails the run).
 *
 * <p>Also: two-thread throughput of the cached paths ({@code ...Threads2}, {@code @Threads(2)}),
 * and Toolgate's uncached decision over a whitelist of 100 to 100,000 grants ({@code
 * grantsScalingToolgateUncached}). Allocation per operation: add {@code -prof gc}.
 *
 * <p>Run: {@code benchmarks/run.sh quick} (the peer comparison and its ratio table), or {@code
 * benchmarks/run.sh full} for the record. See docs/peers.md for how each peer expresses each
 * scenario.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class PeerBenchmark {

  /** One engine compiled for one scenario, cross-checked, with its workload prepared. */
  abstract static class EngineState {
    PeerEngine engine;
    Object[] requests;
    int mask;

    void setUp(String engineName, Scenario scenario) {
      engine = Engines.create(engineName, scenario);
      PeerEngine toolgate =
          engineName.startsWith("toolgate") ? engine : new ToolgateEngine(scenario, false);
      CrossCheck.verify(scenario, scenario.checks(), toolgate, engine);
      requests = Engines.prepare(engine, scenario.checks());
      mask = requests.length - 1;
    }

    boolean decide(Cursor cursor) {
      return engine.decide(requests[cursor.next++ & mask]);
    }
  }

  /** Where each thread is in the workload. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** The precomputed answers. */
  @State(Scope.Benchmark)
  public static class Floor extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("floor", Scenarios.byName(scenario));
    }
  }

  /** Toolgate with its residual cache. */
  @State(Scope.Benchmark)
  public static class ToolgateCached extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("toolgateCached", Scenarios.byName(scenario));
    }
  }

  /** Toolgate without a cache: every decision compiled from the policy. */
  @State(Scope.Benchmark)
  public static class ToolgateUncached extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("toolgateUncached", Scenarios.byName(scenario));
    }
  }

  /** Toolgate with its residual cache, the ABAC condition as a {@code toolgate-abac} CEL rule. */
  @State(Scope.Benchmark)
  public static class ToolgateCelCached extends EngineState {
    @Param({"abac"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("toolgateCelCached", Scenarios.byName(scenario));
    }
  }

  /** Toolgate without a cache, the ABAC condition as a {@code toolgate-abac} CEL rule. */
  @State(Scope.Benchmark)
  public static class ToolgateCelUncached extends EngineState {
    @Param({"abac"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("toolgateCelUncached", Scenarios.byName(scenario));
    }
  }

  /** jCasbin's plain enforcer. */
  @State(Scope.Benchmark)
  public static class Casbin extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("jcasbin", Scenarios.byName(scenario));
    }
  }

  /** jCasbin's own cached enforcer ({@code SyncedCachedEnforcer}). */
  @State(Scope.Benchmark)
  public static class CasbinCached extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("jcasbinCached", Scenarios.byName(scenario));
    }
  }

  /** cedar-java with its policy set cached natively. */
  @State(Scope.Benchmark)
  public static class Cedar extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("cedar", Scenarios.byName(scenario));
    }
  }

  /** SAPL's embedded PDP. */
  @State(Scope.Benchmark)
  public static class Sapl extends EngineState {
    @Param({"whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("sapl", Scenarios.byName(scenario));
    }
  }

  /** Shiro: whitelist only (no deny, no role inheritance, no conditions, no delegation). */
  @State(Scope.Benchmark)
  public static class Shiro extends EngineState {
    @Param({"whitelist"})
    public String scenario;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("shiro", Scenarios.byName(scenario));
    }
  }

  /** Toolgate without a cache over a whitelist of a growing number of grants. */
  @State(Scope.Benchmark)
  public static class Scaling extends EngineState {
    @Param({"100", "1000", "10000", "100000"})
    public int grants;

    @Setup(Level.Trial)
    public void setUp() {
      setUp("toolgateUncached", Scenarios.whitelist(grants));
    }
  }

  @Benchmark
  public boolean baselineConcurrentHashMapGet(Floor s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean toolgateCached(ToolgateCached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean toolgateUncached(ToolgateUncached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean toolgateCelCached(ToolgateCelCached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean toolgateCelUncached(ToolgateCelUncached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean jcasbin(Casbin s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean jcasbinCached(CasbinCached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean cedar(Cedar s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean sapl(Sapl s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean shiro(Shiro s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  @Threads(2)
  public boolean baselineConcurrentHashMapGetThreads2(Floor s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  @Threads(2)
  public boolean toolgateCachedThreads2(ToolgateCached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  @Threads(2)
  public boolean jcasbinCachedThreads2(CasbinCached s, Cursor c) {
    return s.decide(c);
  }

  @Benchmark
  public boolean grantsScalingToolgateUncached(Scaling s, Cursor c) {
    return s.decide(c);
  }
}
