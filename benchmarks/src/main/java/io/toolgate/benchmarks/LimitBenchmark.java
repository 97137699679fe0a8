package io.toolgate.benchmarks;

import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a limit costs a cached decision: one policy without limits and the same policy with a local
 * limit on the allowing entry that never runs out (10^12 calls a day), in the same run; {@code
 * canInvoke} direct and {@code decide} through a 2-hop chain.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LimitBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class LimitBenchmark {
  private static final ToolId TOOL = ToolId.parse("payments/transfer");

  private DecisionEngine unlimited;
  private DecisionEngine limited;
  private Request chained;

  private static Policy policy(boolean withLimit) {
    Policy.Builder b =
        Policy.builder()
            .version(withLimit ? "limited" : "unlimited")
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("bot").build())
            .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
            .entry("bot", AccessEntry.allow("bot-pay", "payments/*"));
    if (withLimit) {
      b.limit("alice-pay", Limit.of(1_000_000_000_000L, Duration.ofDays(1), Limit.Per.ORIGIN));
    }
    return b.build();
  }

  @Setup(Level.Trial)
  public void setUp() {
    unlimited = DecisionEngine.builder(policy(false)).build();
    limited = DecisionEngine.builder(policy(true)).build();
    chained = Request.of(DelegationChain.of("alice").then("bot"), TOOL, ResourceId.NONE);
  }

  @Benchmark
  public boolean canInvokeUnlimited() {
    return unlimited.canInvoke("alice", TOOL, ResourceId.NONE);
  }

  @Benchmark
  public boolean canInvokeLimited() {
    return limited.canInvoke("alice", TOOL, ResourceId.NONE);
  }

  @Benchmark
  public Object decideChainUnlimited() {
    return unlimited.decide(chained);
  }

  @Benchmark
  public Object decideChainLimited() {
    return limited.decide(chained);
  }
}
