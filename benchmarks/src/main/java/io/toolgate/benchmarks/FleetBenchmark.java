package io.toolgate.benchmarks;

import io.toolgate.DecisionEngine;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.redis.RedisFleet;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a fleet-wide limit costs a cached decision, in one run: an unlimited cached decision (the
 * baseline), the same with a local limit that never runs out, and the same with the limit counted
 * in Redis (Bucket4j's Lettuce proxy manager, one loopback round trip or two per call). The Redis
 * is a real redis-server started in the setup on a free loopback port and stopped in the teardown;
 * the unlimited engine is a fleet replica too (its gate is asked per decision).
 *
 * <p>Run: {@code benchmarks/run.sh full FleetBenchmark}, or {@code java -jar
 * benchmarks/target/benchmarks.jar FleetBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FleetBenchmark {
  private static final ToolId TOOL = ToolId.parse("payments/transfer");
  private static final long NEVER_RUNS_OUT = 1_000_000_000_000L;

  private FleetRedis redis;
  private RedisFleet unlimitedFleet;
  private RedisFleet limitedFleet;
  private DecisionEngine unlimitedCached;
  private DecisionEngine localLimit;
  private DecisionEngine redisLimit;

  @Setup(Level.Trial)
  public void setUp() {
    redis = FleetRedis.start();
    DecisionEngine[] e = new DecisionEngine[1];
    unlimitedFleet = redis.join(FleetRedis.policy(0), e);
    unlimitedCached = e[0];
    limitedFleet = redis.join(FleetRedis.policy(NEVER_RUNS_OUT), e);
    redisLimit = e[0];
    localLimit = DecisionEngine.builder(FleetRedis.policy(NEVER_RUNS_OUT)).build();
    for (DecisionEngine d : new DecisionEngine[] {unlimitedCached, localLimit, redisLimit}) {
      if (!d.canInvoke("alice", TOOL, ResourceId.NONE)) {
        throw new IllegalStateException(
            "the setup denies: " + d.decide("alice", TOOL, ResourceId.NONE));
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    unlimitedFleet.close();
    limitedFleet.close();
    redis.close();
  }

  @Benchmark
  public boolean unlimitedCached() {
    return unlimitedCached.canInvoke("alice", TOOL, ResourceId.NONE);
  }

  @Benchmark
  public boolean localLimit() {
    return localLimit.canInvoke("alice", TOOL, ResourceId.NONE);
  }

  @Benchmark
  public boolean redisLimit() {
    return redisLimit.canInvoke("alice", TOOL, ResourceId.NONE);
  }
}
