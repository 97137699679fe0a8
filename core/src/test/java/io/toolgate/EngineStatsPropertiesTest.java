package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The counts of an engine that records stats, against a reference model: a map of the reasons of
 * the decisions it returned, and the set of distinct calls it was asked.
 */
@StatisticsReport(onFailureOnly = true)
class EngineStatsPropertiesTest {

  /** One call of a request: through {@code decide} or through {@code canInvoke}. */
  record Call(Request request, boolean viaCanInvoke) {}

  /** The state every call is decided in (the first scenario's), and the calls, repeating some. */
  record Run(Scenario state, List<Call> calls) {}

  @Provide
  Arbitrary<Run> runs() {
    // A few distinct requests over the first scenario's policy and switches, then 1 to 20 calls
    // drawn from them, so a request is often asked again (a cache hit).
    return Scenarios.scenarios()
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            pool -> {
              Arbitrary<Call> call =
                  Combinators.combine(
                          Arbitraries.integers().between(0, pool.size() - 1),
                          Arbitraries.of(true, false))
                      .as((i, via) -> new Call(pool.get(i).request(), via));
              return call.list().ofMinSize(1).ofMaxSize(20).map(cs -> new Run(pool.get(0), cs));
            });
  }

  @Property(tries = 300)
  void anySequenceOfCalls_countsPerReasonEqualTheDecisionsReturned(
      @ForAll("runs") Run run, @ForAll boolean cached) {
    List<Call> calls = run.calls();
    DecisionEngine engine = engine(run.state(), cached ? 1_000 : 0, true);
    DecisionEngine reference = engine(run.state(), 0, false);
    Map<Reason, Long> returned = new EnumMap<>(Reason.class);
    Set<List<Object>> distinct = new HashSet<>();
    for (Call c : calls) {
      Request r = c.request();
      Reason reason;
      if (c.viaCanInvoke()) {
        boolean allowed = engine.canInvoke(r.chain(), r.tool(), r.resource());
        // canInvoke answers yes or no; the reason it counted is the one a fresh, uncounted engine
        // in the same state gives.
        reason = reference.decide(r).reason();
        assertThat(allowed).isEqualTo(reason == Reason.PERMITTED);
      } else {
        reason = engine.decide(r).reason();
      }
      returned.merge(reason, 1L, Long::sum);
      distinct.add(List.of(r.chain(), r.tool(), r.resource()));
      Statistics.label("reason").collect(reason);
      Statistics.label("via canInvoke").collect(c.viaCanInvoke());
    }

    EngineStats stats = engine.stats();
    assertThat(stats.decisions()).isEqualTo(returned);
    assertThat(stats.decisionCount()).isEqualTo(calls.size());
    if (cached) {
      assertThat(stats.cacheLookups()).isEqualTo(calls.size());
      assertThat(stats.cacheMisses()).isEqualTo(distinct.size());
      assertThat(stats.residualCompiles()).isGreaterThanOrEqualTo(distinct.size());
    } else {
      assertThat(stats.cacheLookups()).isZero();
      assertThat(stats.residualCompiles()).isEqualTo(calls.size());
    }
    Statistics.label("repeated call").collect(distinct.size() < calls.size());
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).count(n -> n > 0);
              c.check(Reason.NOT_PERMITTED).count(n -> n > 0);
            });
    Statistics.label("via canInvoke").coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label("repeated call").coverage(c -> c.check(true).count(n -> n > 0));
  }

  /** An engine over the scenario's policy with its switches thrown, as Scenario.engine builds. */
  private static DecisionEngine engine(Scenario s, long cacheSize, boolean recordStats) {
    DecisionEngine.Builder b =
        DecisionEngine.builder(s.policy()).clock(new MutableClock(s.now())).cacheSize(cacheSize);
    if (recordStats) {
      b.recordStats();
    }
    DecisionEngine e = b.build();
    s.suspended().forEach(e::suspend);
    s.decommissioned().forEach(e::decommission);
    s.disabled().forEach(e::disableTool);
    s.revoked().forEach(e::revokeDelegation);
    return e;
  }
}
