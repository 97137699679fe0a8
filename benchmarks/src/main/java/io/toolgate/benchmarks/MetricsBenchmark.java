package io.toolgate.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.micrometer.ToolgateMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metrics cost a cached decision (issue 19, goal: on within 2x of off): two engines over the
 * same policy in the same run, one plain ("off") and one built with {@code recordStats()} and bound
 * to a {@link SimpleMeterRegistry} through {@link ToolgateMetrics} ("on"); {@code canInvoke} direct
 * and {@code decide} through a 2-hop chain, on one thread and on two (the counters are striped
 * {@code LongAdder}s, so two threads should not queue on one cache line). Every call is a cached
 * hit: the setup decides each request once.
 *
 * <p>Run: {@code benchmarks/run.sh full MetricsBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class MetricsBenchmark {
  private static final ToolId TOOL = ToolId.parse("github/list_issues");
  private static final ResourceId REPO = ResourceId.of("repo:acme/api");

  private DecisionEngine off;
  private DecisionEngine on;
  private Request chained;

  private static Policy policy() {
    return Policy.builder()
        .version("metrics")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .entry("alice", AccessEntry.allow("alice-gh", "github/*"))
        .entry("bot", AccessEntry.allow("bot-gh", "github/list_*"))
        .build();
  }

  @Setup(Level.Trial)
  public void setUp() {
    off = DecisionEngine.builder(policy()).build();
    on = DecisionEngine.builder(policy()).recordStats().build();
    new ToolgateMetrics(on).bindTo(new SimpleMeterRegistry());
    chained = Request.of(DelegationChain.onBehalfOf("alice", "bot"), TOOL, REPO);
    for (DecisionEngine e : new DecisionEngine[] {off, on}) {
      if (!e.canInvoke("alice", TOOL, REPO) || !e.decide(chained).isAllowed()) {
        throw new IllegalStateException("the benchmark's calls must be allowed");
      }
    }
    if (on.stats().cacheMisses() != 2 || off.recordsStats()) {
      throw new IllegalStateException("metrics on must count, off must not: " + on.stats());
    }
  }

  @Benchmark
  public boolean canInvokeOff() {
    return off.canInvoke("alice", TOOL, REPO);
  }

  @Benchmark
  public boolean canInvokeOn() {
    return on.canInvoke("alice", TOOL, REPO);
  }

  @Benchmark
  public Object baselineDecideChainOff() {
    return off.decide(chained);
  }

  @Benchmark
  public Object decideChainOn() {
    return on.decide(chained);
  }

  @Benchmark
  @Threads(2)
  public Object decideChainOff2Threads() {
    return off.decide(chained);
  }

  @Benchmark
  @Threads(2)
  public Object decideChainOn2Threads() {
    return on.decide(chained);
  }
}
