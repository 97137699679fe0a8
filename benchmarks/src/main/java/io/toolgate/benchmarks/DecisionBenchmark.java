package io.toolgate.benchmarks;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core decision paths side by side with a {@link ConcurrentHashMap#get} floor: a cached {@code
 * canInvoke} hit, a miss (the residual built from the policy, cache off) for whitelists of 10,
 * 1,000 and 100,000 entries, and the same through a 3-hop delegation chain.
 *
 * <p>Run: {@code benchmarks/run.sh quick DecisionBenchmark} (or {@code full}); add {@code -prof gc}
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
public class DecisionBenchmark {

  /** Entries in the calling agent's whitelist. */
  @Param({"10", "1000", "100000"})
  public int entries;

  private DecisionEngine cached;
  private DecisionEngine uncached;
  private ToolId tool;
  private ResourceId resource;
  private DelegationChain chain3;
  private Request request;
  private ConcurrentHashMap<Object, Boolean> floor;
  private Object floorKey;
  private final Object[] floorKeys = new Object[64];
  private final String[] cyclePrincipals = new String[64];
  private final ToolId[] cycleTools = new ToolId[64];
  private final ResourceId[] cycleResources = new ResourceId[64];
  private int next;

  /** The floor's key: three references, like a cache key, with a precomputed hash. */
  record FloorKey(String principal, ToolId tool, ResourceId resource) {}

  @Setup(Level.Trial)
  public void setUp() {
    Policy policy = Workloads.whitelist(entries);
    cached = DecisionEngine.builder(policy).build();
    uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    tool = Workloads.hitTool(entries);
    resource = Workloads.hitResource(entries);
    chain3 =
        DelegationChain.of("alice")
            .then("agent", DelegationScope.builder().tools("srv*/*").build())
            .then("helper");
    request = Request.of(chain3, tool, resource);
    floor = new ConcurrentHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      floor.put(new FloorKey("p" + i, tool, resource), Boolean.TRUE);
    }
    floorKey = new FloorKey("p42", tool, resource);
    for (int i = 0; i < 64; i++) {
      // Half allowed, half denied, all distinct: the agent on 32 tools, alice's helper on 32 more.
      cyclePrincipals[i] = i % 2 == 0 ? "agent" : "helper";
      cycleTools[i] = ToolId.of("srv" + (i % 50), "tool_" + (3 * i));
      cycleResources[i] = ResourceId.of("repo:org" + (3 * i) + "/api");
      floorKeys[i] = new FloorKey(cyclePrincipals[i], cycleTools[i], cycleResources[i]);
      floor.put(floorKeys[i], Boolean.TRUE);
      cached.canInvoke(cyclePrincipals[i], cycleTools[i], cycleResources[i]);
    }
    if (!cached.canInvoke("agent", tool, resource)
        || !cached.canInvoke(chain3, tool, resource)
        || !uncached.canInvoke("agent", tool, resource)
        || !cached.decide(request).isAllowed()) {
      throw new IllegalStateException("the workload must be allowed: " + cached.decide(request));
    }
  }

  @Benchmark
  public Boolean baselineConcurrentHashMapGet() {
    return floor.get(floorKey);
  }

  /**
   * The floor cycling through 64 different precomputed keys, as {@link #cachedDirectCycling} does.
   */
  @Benchmark
  public Boolean baselineConcurrentHashMapGetCycling() {
    int i = next++ & 63;
    return floor.get(floorKeys[i]);
  }

  /** Cached hits cycling through 64 different (principal, tool, resource) requests. */
  @Benchmark
  public boolean cachedDirectCycling() {
    int i = next++ & 63;
    return cached.canInvoke(cyclePrincipals[i], cycleTools[i], cycleResources[i]);
  }

  @Benchmark
  public boolean cachedDirect() {
    return cached.canInvoke("agent", tool, resource);
  }

  @Benchmark
  public boolean cachedChain3() {
    return cached.canInvoke(chain3, tool, resource);
  }

  @Benchmark
  public boolean cachedDecideChain3() {
    return cached.decide(request).isAllowed();
  }

  @Benchmark
  public boolean uncachedDirect() {
    return uncached.canInvoke("agent", tool, resource);
  }

  @Benchmark
  public boolean uncachedChain3() {
    return uncached.canInvoke(chain3, tool, resource);
  }
}
