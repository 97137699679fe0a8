package io.toolgate.benchmarks;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.abac.AbacPolicy;
import io.toolgate.abac.ConditionEngine;
import io.toolgate.abac.Rule;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
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
 * ABAC decisions against a cached whitelist hit:
 *
 * <ul>
 *   <li>{@code whitelist*}: the baseline, a whitelist entry allowing the call, cached;
 *   <li>{@code staticConditions*}: an ABAC rule whose condition reads only principal, tool and
 *       resource attributes; partial evaluation decides it when the residual is built, so a cached
 *       hit should cost what the whitelist hit costs;
 *   <li>{@code residualCompiled}: a rule whose residual is three comparisons over {@code args} and
 *       {@code env} ({@code args.amount <= 1000 && env.hour < 18 && env.region == 'eu'}), evaluated
 *       per call by the compiled closures;
 *   <li>{@code residualCelRuntime}: the same residual evaluated by CEL's own interpreter ({@link
 *       ConditionEngine#CEL_RUNTIME});
 *   <li>{@code residualArgsOnlyCompiled}: three comparisons over {@code args} only, which shows
 *       what reading {@code env} adds.
 * </ul>
 *
 * <p>{@code *CanInvoke} use the boolean fast path (no arguments); {@code *Decide} build the full
 * {@code Decision} for a request carrying arguments and environment, as the residual benchmarks
 * must.
 *
 * <p>Run: {@code benchmarks/run.sh quick AbacBenchmark} (or {@code full}); add {@code -prof gc} for
 * allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"}) // see GatewayBenchmark
public class AbacBenchmark {
  private static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  private static final ResourceId ACCOUNT = ResourceId.of("acct:finance/main");

  /** A weekday morning, so that {@code env.hour < 18} holds. */
  private static final Instant MORNING = Instant.parse("2025-01-15T10:00:00Z");

  private DecisionEngine whitelist;
  private DecisionEngine staticRules;
  private DecisionEngine residualCompiled;
  private DecisionEngine residualCel;
  private DecisionEngine residualArgsOnly;
  private Request request;

  @Setup(Level.Trial)
  public void setUp() {
    InstantSource clock = InstantSource.fixed(MORNING);
    whitelist =
        DecisionEngine.builder(
                organisation()
                    .allow("agent", List.of("payments/transfer"), List.of("acct:finance/**"))
                    .build())
            .clock(clock)
            .build();
    staticRules =
        DecisionEngine.builder(
                organisation()
                    .module(
                        AbacPolicy.of(
                            Rule.allow("finance-agents")
                                .tools("payments/*")
                                .resources("acct:finance/**")
                                .when(
                                    "principal.attributes.team == 'finance' && tool.attributes.risk == 'high'"
                                        + " && resource.attributes.owner == principal.owner")
                                .build()))
                    .build())
            .clock(clock)
            .build();
    Rule residual =
        Rule.allow("small-eu-transfers")
            .tools("payments/transfer")
            .when("args.amount <= 1000 && env.hour < 18 && env.region == 'eu'")
            .build();
    residualCompiled =
        DecisionEngine.builder(organisation().module(AbacPolicy.of(residual)).build())
            .clock(clock)
            .build();
    residualCel =
        DecisionEngine.builder(
                organisation()
                    .module(
                        AbacPolicy.builder()
                            .rule(residual)
                            .conditionEngine(ConditionEngine.CEL_RUNTIME)
                            .build())
                    .build())
            .clock(clock)
            .build();
    residualArgsOnly =
        DecisionEngine.builder(
                organisation()
                    .module(
                        AbacPolicy.of(
                            Rule.allow("small-eur-invoices")
                                .tools("payments/transfer")
                                .when(
                                    "args.amount <= 1000 && args.currency == 'EUR' && args.memo.startsWith('invoice')")
                                .build()))
                    .build())
            .clock(clock)
            .build();
    request =
        Request.builder(DelegationChain.of("agent"), TRANSFER)
            .resource(ACCOUNT)
            .arguments(Map.of("amount", 250, "currency", "EUR", "memo", "invoice 42"))
            .environment(Map.of("region", "eu", "client", "10.0.0.7"))
            .build();
    for (DecisionEngine e :
        List.of(whitelist, staticRules, residualCompiled, residualCel, residualArgsOnly)) {
      if (!e.decide(request).isAllowed()) {
        throw new IllegalStateException("the workload must be allowed: " + e.decide(request));
      }
    }
    if (!whitelist.canInvoke("agent", TRANSFER, ACCOUNT)
        || !staticRules.canInvoke("agent", TRANSFER, ACCOUNT)) {
      throw new IllegalStateException("the static workloads must be allowed");
    }
  }

  private static Policy.Builder organisation() {
    return Policy.builder()
        .principal(Principal.user("alice").attribute("team", "finance").build())
        .principal(Principal.agent("agent").owner("alice").attribute("team", "finance").build())
        .tool(new Tool(TRANSFER, ToolAnnotations.UNANNOTATED, Map.of("risk", "high")))
        .resource(new Resource(ACCOUNT, Map.of("owner", "alice")));
  }

  @Benchmark
  public boolean whitelistCanInvoke() {
    return whitelist.canInvoke("agent", TRANSFER, ACCOUNT);
  }

  @Benchmark
  public boolean staticConditionsCanInvoke() {
    return staticRules.canInvoke("agent", TRANSFER, ACCOUNT);
  }

  @Benchmark
  public boolean whitelistDecide() {
    return whitelist.decide(request).isAllowed();
  }

  @Benchmark
  public boolean staticConditionsDecide() {
    return staticRules.decide(request).isAllowed();
  }

  @Benchmark
  public boolean residualCompiled() {
    return residualCompiled.decide(request).isAllowed();
  }

  @Benchmark
  public boolean residualArgsOnlyCompiled() {
    return residualArgsOnly.decide(request).isAllowed();
  }

  @Benchmark
  public boolean residualCelRuntime() {
    return residualCel.decide(request).isAllowed();
  }
}
