package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ToolId;
import io.toolgate.analysis.Catalog;
import io.toolgate.analysis.DecisionLog;
import io.toolgate.analysis.EffectivePermissions;
import io.toolgate.analysis.PolicyAnalyzer;
import io.toolgate.analysis.Tightener;
import io.toolgate.analysis.Tightening;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.testing.Scenarios;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Least-privilege tooling over random RBAC worlds: the grants the module reports prune nothing the
 * engine allows, and tightening keeps every replayed call and opens nothing the original denied
 * (default session: the log records no sessions).
 */
@StatisticsReport(onFailureOnly = true)
class AnalysisPropertiesTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Scenarios.BASE);

  @Provide
  Arbitrary<RbacWorld> worlds() {
    return RbacWorld.validWorlds(40, 6);
  }

  @Property(tries = 150)
  void effectivePermissions_equalBruteForceDecisions(@ForAll("worlds") RbacWorld world) {
    Policy policy = world.policy(world.rbac());
    Catalog.Builder c = Catalog.builder();
    RbacWorld.TOOLS.forEach(c::tool);
    RbacWorld.RESOURCES.stream().filter(r -> !r.isEmpty()).forEach(c::resource);
    PolicyAnalyzer analyzer =
        PolicyAnalyzer.builder(policy).catalog(c.build()).clock(CLOCK).build();
    DecisionEngine engine = DecisionEngine.builder(policy).cacheSize(0).clock(CLOCK).build();
    for (var p : world.principals()) {
      EffectivePermissions eff = analyzer.effectivePermissions(p.id());
      Set<String> reached = new TreeSet<>();
      eff.reaches().forEach(r -> reached.add(r.tool().label() + " " + r.resource().id().value()));
      Set<String> allowed = new TreeSet<>();
      for (String t : RbacWorld.TOOLS) {
        for (String r : RbacWorld.RESOURCES) {
          if (engine.canInvoke(p.id(), ToolId.parse(t), Scenarios.resource(r))) {
            allowed.add(t + " " + r);
          }
        }
      }
      assertThat(reached).as("%s in %s", p.id(), world).isEqualTo(allowed);
      Statistics.label("calls a principal reaches").collect(allowed.isEmpty() ? "none" : "some");
    }
    Statistics.label("calls a principal reaches")
        .coverage(cov -> cov.check("some").percentage(p -> p > 25));
  }

  @Property(tries = 150)
  void tightened_keepsEveryReplayedCall_andOpensNothingTheOriginalDenied(
      @ForAll("worlds") RbacWorld world, @ForAll @IntRange(min = 1, max = 3) int minSiblings) {
    Policy policy = world.policy(world.rbac());
    List<String> lines = new ArrayList<>();
    AuditLogListener audit = new AuditLogListener();
    DecisionEngine original =
        DecisionEngine.builder(policy)
            .cacheSize(0)
            .clock(CLOCK)
            .listener(e -> lines.add(audit.toJson(e)))
            .build();
    List<Request> allowed = new ArrayList<>();
    List<DelegationChain> chains = new ArrayList<>();
    for (Request r : world.requests()) {
      Request plain = Request.of(r.chain(), r.tool(), r.resource());
      chains.add(r.chain());
      if (original.decide(plain).isAllowed()) {
        allowed.add(plain);
      }
    }
    Tightening t =
        Tightener.builder()
            .clock(CLOCK)
            .minSiblings(minSiblings)
            .build()
            .tighten(policy, DecisionLog.parse("log", String.join("\n", lines)));
    DecisionEngine tight = DecisionEngine.builder(t.policy()).cacheSize(0).clock(CLOCK).build();
    Statistics.label("allowed calls replayed").collect(allowed.isEmpty() ? "none" : "some");
    Statistics.label("entries tightened").collect(t.entries().isEmpty() ? "none" : "some");
    Statistics.label("allowed calls replayed")
        .coverage(c -> c.check("some").percentage(p -> p > 40));
    Statistics.label("entries tightened").coverage(c -> c.check("some").percentage(p -> p > 25));
    for (Request r : allowed) {
      assertThat(tight.decide(r).isAllowed()).as("%s, tightened %s", r, t.entries()).isTrue();
    }
    world.principals().forEach(p -> chains.add(DelegationChain.of(p.id())));
    List<String> probes = new ArrayList<>(RbacWorld.RESOURCES);
    probes.addAll(List.of("repo:acme/new", "repo:globex/new", "file:///srv/new", "zzz"));
    for (DelegationChain chain : chains) {
      for (String tool : RbacWorld.TOOLS) {
        for (String r : probes) {
          Request q = Request.of(chain, ToolId.parse(tool), Scenarios.resource(r));
          if (!original.decide(q).isAllowed()) {
            assertThat(tight.decide(q).isAllowed())
                .as("%s denied before; tightened %s", q, t.entries())
                .isFalse();
          }
        }
      }
    }
  }
}
