package io.toolgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The counters in a real registry against a reference model: a map from (effect, reason) to the
 * number of decisions returned with them, for any sequence of calls and kill switches.
 */
@StatisticsReport(onFailureOnly = true)
class ToolgateMetricsPropertiesTest {
  static final List<String> CALLERS = List.of("alice", "bot", "helper", "mallory");
  static final List<String> TOOLS = List.of("gh/list_issues", "gh/delete_repo", "fs/read_file");
  static final List<String> RESOURCES = List.of("repo:acme/api", "repo:other/x", "");

  static Policy policy() {
    return Policy.builder()
        .version("prop-1")
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("bot").owner("alice").build())
        .principal(Principal.agent("helper").owner("alice").build())
        .allow("alice", List.of("gh/*", "fs/*"), List.of("repo:acme/**"))
        .allow("bot", List.of("gh/*"), List.of("repo:acme/**"))
        .deny("bot", "gh/delete_*")
        .allow("helper", "fs/read_file")
        .build();
  }

  /** One step: a call (through decide or canInvoke), or a kill switch thrown or lifted. */
  sealed interface Step permits Call, Switch {}

  record Call(DelegationChain chain, ToolId tool, ResourceId resource, boolean viaCanInvoke)
      implements Step {}

  record Switch(String principal, boolean suspend) implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<DelegationChain> chain =
        Combinators.combine(Arbitraries.of(CALLERS), Arbitraries.of(CALLERS).optional())
            .as(
                (a, b) ->
                    b.isPresent() && !b.get().equals(a)
                        ? DelegationChain.onBehalfOf(a, b.get())
                        : DelegationChain.of(a));
    Arbitrary<Step> call =
        Combinators.combine(
                chain,
                Arbitraries.of(TOOLS).map(ToolId::parse),
                Arbitraries.of(RESOURCES)
                    .map(r -> r.isEmpty() ? ResourceId.NONE : ResourceId.of(r)),
                Arbitraries.of(true, false))
            .as(Call::new);
    Arbitrary<Step> toggle =
        Combinators.combine(Arbitraries.of(CALLERS), Arbitraries.of(true, false)).as(Switch::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, call), net.jqwik.api.Tuple.of(1, toggle))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Property(tries = 200)
  void anySequence_countersPerEffectAndReasonEqualTheDecisionsMade(
      @ForAll("steps") List<Step> steps, @ForAll boolean cached) {
    DecisionEngine engine =
        DecisionEngine.builder(policy()).cacheSize(cached ? 1_000 : 0).recordStats().build();
    // The reasons canInvoke does not return come from a twin engine, uncounted, in the same state.
    DecisionEngine twin = DecisionEngine.builder(policy()).cacheSize(0).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ToolgateMetrics(engine).bindTo(registry);
    Map<List<String>, Long> made = new HashMap<>();
    for (Step step : steps) {
      if (step instanceof Switch s) {
        for (DecisionEngine e : List.of(engine, twin)) {
          if (s.suspend()) {
            e.suspend(s.principal());
          } else {
            e.reinstate(s.principal());
          }
        }
        continue;
      }
      Call c = (Call) step;
      Request request = Request.of(c.chain(), c.tool(), c.resource());
      Decision d;
      if (c.viaCanInvoke()) {
        boolean allowed = engine.canInvoke(c.chain(), c.tool(), c.resource());
        d = twin.decide(request);
        assertThat(d.isAllowed()).isEqualTo(allowed);
      } else {
        d = engine.decide(request);
      }
      made.merge(List.of(d.effect().name(), d.reason().name()), 1L, Long::sum);
      Statistics.label("reason").collect(d.reason());
    }

    for (FunctionCounter counter : registry.get(ToolgateMetrics.DECISIONS).functionCounters()) {
      String effect = counter.getId().getTag("effect");
      String reason = counter.getId().getTag("reason");
      assertThat((long) counter.count())
          .as("%s %s", effect, reason)
          .isEqualTo(made.getOrDefault(List.of(effect, reason), 0L));
      assertThat(effect)
          .isEqualTo(
              (Reason.valueOf(reason) == Reason.PERMITTED ? Effect.ALLOW : Effect.DENY).name());
    }
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).count(n -> n > 0);
              c.check(Reason.EXPLICIT_DENY).count(n -> n > 0);
              c.check(Reason.NOT_PERMITTED).count(n -> n > 0);
              c.check(Reason.PRINCIPAL_INACTIVE).count(n -> n > 0);
              c.check(Reason.UNKNOWN_PRINCIPAL).count(n -> n > 0);
            });
  }
}
