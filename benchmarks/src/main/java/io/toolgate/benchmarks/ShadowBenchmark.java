package io.toolgate.benchmarks;

import io.toolgate.CanarySlice;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ShadowOptions;
import io.toolgate.ShadowReport;
import io.toolgate.ToolId;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a cached {@code canInvoke} hit while a candidate policy runs beside the active one,
 * in the same run as the same hit with no candidate ({@code cachedOff}): a shadow run comparing
 * every decision ({@code cachedShadowAll}: the deciding thread pays a clock read, one small object
 * and one offer to the bounded queue, or the drop when the shadow thread falls behind), a shadow
 * run sampling 1% ({@code cachedShadowSampled}: mostly one random draw), and a canary for 10% of
 * origins whose slice excludes the caller ({@code cachedCanary}: one set lookup). The candidate is
 * the active policy under another version, so nothing diverges; what is measured is the cost of the
 * run. Each shadow run's drops are printed at tear-down.
 *
 * <p>Run: {@code benchmarks/run.sh quick ShadowBenchmark} (or {@code full}); add {@code -prof gc}
 * for allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"}) // see GatewayBenchmark
public class ShadowBenchmark {

  /** Entries in the calling agent's whitelist. */
  @Param({"1000"})
  public int entries;

  private DecisionEngine off;
  private DecisionEngine shadowAll;
  private DecisionEngine shadowSampled;
  private DecisionEngine canary;
  private ToolId tool;
  private ResourceId resource;

  @Setup(Level.Trial)
  public void setUp() {
    Policy policy = Workloads.whitelist(entries);
    Policy candidate = policy.toBuilder().version("candidate").build();
    off = DecisionEngine.builder(policy).build();
    shadowAll = DecisionEngine.builder(policy).build();
    shadowAll.rollout().shadow(candidate, ShadowOptions.all());
    shadowSampled = DecisionEngine.builder(policy).build();
    shadowSampled.rollout().shadow(candidate, ShadowOptions.sampled(0.01));
    canary = DecisionEngine.builder(policy).build();
    // A named slice without the caller: the active policy decides, after the routing lookup.
    canary.rollout().canary(candidate, CanarySlice.origins(java.util.List.of("someone-else")));
    tool = Workloads.hitTool(entries);
    resource = Workloads.hitResource(entries);
    for (DecisionEngine e : new DecisionEngine[] {off, shadowAll, shadowSampled, canary}) {
      if (!e.canInvoke("agent", tool, resource)) {
        throw new IllegalStateException("the workload must be allowed");
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    canary.rollout().rollback();
    for (DecisionEngine e : new DecisionEngine[] {shadowAll, shadowSampled}) {
      e.rollout().rollback();
      ShadowReport r = e.rollout().report();
      System.out.printf(
          "%nshadow run: %d compared, %d dropped, %d divergences%n",
          r.evaluated(), r.dropped(), r.divergences());
    }
  }

  @Benchmark
  public boolean cachedOff() {
    return off.canInvoke("agent", tool, resource);
  }

  @Benchmark
  public boolean cachedShadowAll() {
    return shadowAll.canInvoke("agent", tool, resource);
  }

  @Benchmark
  public boolean cachedShadowSampled() {
    return shadowSampled.canInvoke("agent", tool, resource);
  }

  @Benchmark
  public boolean cachedCanary() {
    return canary.canInvoke("agent", tool, resource);
  }
}
