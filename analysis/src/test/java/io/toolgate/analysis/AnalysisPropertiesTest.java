package io.toolgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.testing.ReferenceEvaluator;
import io.toolgate.testing.Scenarios;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Diff and tightening properties, checked against brute-force evaluation (the naive reference
 * evaluator, or the engine over every request of a small universe).
 */
@StatisticsReport(onFailureOnly = true)
class AnalysisPropertiesTest {
  static final InstantSource CLOCK = InstantSource.fixed(Scenarios.BASE);
  static final List<DelegationChain> CHAINS =
      List.of(
          DelegationChain.onBehalfOf("p0", "p1"), DelegationChain.of("p2").then("p3").then("p4"));

  /** Resources probed after tightening: the logged universe and siblings never logged. */
  static final List<String> PROBES =
      java.util.stream.Stream.concat(
              Scenarios.RESOURCES.stream(),
              java.util.stream.Stream.of(
                  "repo:acme/new", "repo:other/new", "file:///srv/new.csv", "zzz", "repo:acme/x/y"))
          .toList();

  /** The small universe both sides are probed over. */
  static Catalog catalog() {
    Catalog.Builder b = Catalog.builder().principals(Scenarios.PRINCIPALS.toArray(String[]::new));
    Scenarios.TOOLS.forEach(b::tool);
    Scenarios.RESOURCES.stream().filter(r -> !r.isEmpty()).forEach(b::resource);
    CHAINS.forEach(b::chain);
    return b.build();
  }

  record Edit(String principal, Effect effect, List<String> tools, List<String> resources) {}

  static Arbitrary<Edit> edits() {
    return Combinators.combine(
            Arbitraries.of(Scenarios.PRINCIPALS),
            Arbitraries.of(Effect.class),
            Arbitraries.of(Scenarios.TOOL_PATTERNS).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(Scenarios.RESOURCE_PATTERNS).list().ofMaxSize(2))
        .as(Edit::new);
  }

  /** The policy with some entries dropped and some added: changes in either or both directions. */
  static Policy mutate(Policy p, List<Boolean> keep, List<Edit> added) {
    Policy.Builder b = Policy.builder().maxDelegationDepth(p.maxDelegationDepth());
    p.delegationLimits().forEach(b::delegationLimit);
    p.principals().forEach(b::principal);
    p.tools().forEach(b::tool);
    p.resources().forEach(b::resource);
    int i = 0;
    for (Map.Entry<String, List<AccessEntry>> e : p.entries().entrySet()) {
      for (AccessEntry entry : e.getValue()) {
        if (i >= keep.size() || keep.get(i)) {
          b.entry(e.getKey(), entry);
        }
        i++;
      }
    }
    for (Edit edit : added) {
      List<String> tools =
          edit.tools().stream()
              .filter(
                  t ->
                      !p.hasToolCatalog()
                          || p.tools().stream().anyMatch(x -> ToolPattern.parse(t).matches(x.id())))
              .toList();
      if (tools.isEmpty()) {
        continue;
      }
      if (edit.effect() == Effect.ALLOW) {
        if (edit.resources().isEmpty()) {
          b.allow(edit.principal(), tools.toArray(String[]::new));
        } else {
          b.allow(edit.principal(), tools, edit.resources());
        }
      } else {
        if (edit.resources().isEmpty()) {
          b.deny(edit.principal(), tools.toArray(String[]::new));
        } else {
          b.deny(edit.principal(), tools, edit.resources());
        }
      }
    }
    return b.build();
  }

  @Provide
  Arbitrary<Policy[]> pairs() {
    return Combinators.combine(
            Scenarios.policies(),
            Arbitraries.of(true, true, false).list().ofMaxSize(14),
            edits().list().ofMaxSize(3))
        .as((p, keep, added) -> new Policy[] {p, mutate(p, keep, added)});
  }

  @Provide
  Arbitrary<Policy> policies() {
    return Scenarios.policies();
  }

  @Provide
  Arbitrary<Policy> healthyPolicies() {
    return Scenarios.healthyPolicies();
  }

  static boolean reference(Policy p, DelegationChain chain, ToolId tool, ResourceId resource) {
    return ReferenceEvaluator.decide(
                p, Set.of(), Set.of(), Set.of(), Set.of(), chain, tool, resource, Scenarios.BASE)
            .effect()
        == Effect.ALLOW;
  }

  @Property(tries = 200)
  void diff_ofAPolicyWithItself_isEmpty(@ForAll("policies") Policy p) {
    assertThat(PolicyDiff.between(p, p, catalog(), CLOCK).isEmpty()).isTrue();
    assertThat(PolicyDiff.between(p, p, Catalog.derived(), CLOCK).isEmpty()).isTrue();
  }

  @Property(tries = 300)
  void diff_narrowsOnly_exactlyWhenNoRequestGoesFromDenyToAllow(@ForAll("pairs") Policy[] pair) {
    Policy before = pair[0];
    Policy after = pair[1];
    PolicyDiff diff = PolicyDiff.between(before, after, catalog(), CLOCK);
    List<String> widened = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<DelegationChain> subjects = new ArrayList<>();
    Scenarios.PRINCIPALS.forEach(p -> subjects.add(DelegationChain.of(p)));
    subjects.addAll(CHAINS);
    for (DelegationChain chain : subjects) {
      for (CatalogTool t : diff.catalog().tools()) {
        for (CatalogResource r : diff.catalog().resources()) {
          boolean b = reference(before, chain, t.tool().id(), r.id());
          boolean a = reference(after, chain, t.tool().id(), r.id());
          if (b != a) {
            changed.add(chain + " " + t.label() + " " + r.label());
          }
          if (!b && a) {
            widened.add(chain + " " + t.label() + " " + r.label());
          }
        }
      }
    }
    // Without a widening here the diff may still widen on a longer chain: only one direction is
    // checked.
    Statistics.label("brute force on these subjects")
        .collect(!widened.isEmpty() ? "widens" : changed.isEmpty() ? "unchanged" : "narrows only");
    if (!widened.isEmpty()) {
      assertThat(diff.narrowsOnly()).as("widened: %s", widened).isFalse();
    }
    Statistics.label("brute force on these subjects")
        .coverage(
            c -> {
              c.check("widens").percentage(p -> p > 5);
              c.check("narrows only").percentage(p -> p > 5);
            });
    // The diff probes more (every chain up to the maximum depth); compare on the subjects checked
    // here.
    assertThat(diff.changes())
        .filteredOn(c -> subjects.contains(c.chain()))
        .extracting(c -> c.subject() + " " + c.tool().label() + " " + c.resource().label())
        .containsExactlyElementsOf(changed);
  }

  @Provide
  Arbitrary<List<Request>> logs() {
    Arbitrary<DelegationChain> chains =
        Arbitraries.of(Scenarios.PRINCIPALS)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .uniqueElements()
            .map(
                ids -> {
                  DelegationChain c = DelegationChain.of(ids.get(0));
                  for (String id : ids.subList(1, ids.size())) {
                    c = c.then(id);
                  }
                  return c;
                });
    Arbitrary<Request> requests =
        Combinators.combine(
                chains, Arbitraries.of(Scenarios.TOOLS), Arbitraries.of(Scenarios.RESOURCES))
            .as(
                (c, t, r) ->
                    Request.of(
                        c, ToolId.parse(t), r.isEmpty() ? ResourceId.NONE : ResourceId.of(r)));
    return requests.list().ofMaxSize(40);
  }

  /**
   * A policy with healthier odds and a log of calls: random ones ({@link #logs()}), and direct
   * calls some allow entry of their principal covers, most of them allowed.
   */
  @Provide
  Arbitrary<Tuple.Tuple2<Policy, List<Request>>> logged() {
    return Combinators.combine(Scenarios.healthyPolicies(), logs())
        .flatAs(
            (policy, random) -> {
              List<Request> covered = new ArrayList<>();
              policy
                  .entries()
                  .forEach(
                      (p, entries) -> {
                        for (String tool : Scenarios.TOOLS) {
                          for (String res : Scenarios.RESOURCES) {
                            ToolId t = ToolId.parse(tool);
                            ResourceId r = Scenarios.resource(res);
                            if (entries.stream()
                                .anyMatch(
                                    e ->
                                        e.effect() == Effect.ALLOW
                                            && ReferenceEvaluator.covers(e, t, r))) {
                              covered.add(Request.of(DelegationChain.of(p), t, r));
                            }
                          }
                        }
                      });
              if (covered.isEmpty()) {
                return Arbitraries.just(Tuple.of(policy, random));
              }
              return Arbitraries.of(covered)
                  .list()
                  .ofMaxSize(20)
                  .map(
                      granted -> {
                        List<Request> log =
                            new ArrayList<>(random.subList(0, Math.min(random.size(), 20)));
                        log.addAll(granted);
                        return Tuple.of(policy, List.copyOf(log));
                      });
            });
  }

  @Property(tries = 300)
  void tightened_allowsEveryAllowedLoggedRequest_andNothingTheOriginalDenied(
      @ForAll("logged") Tuple.Tuple2<Policy, List<Request>> logged,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 3) int minSiblings) {
    Policy original = logged.get1();
    List<Request> calls = logged.get2();
    Recorder recorder = new Recorder(original, CLOCK);
    List<Request> allowed = calls.stream().filter(recorder::decide).toList();
    Tightening t =
        Tightener.builder()
            .clock(CLOCK)
            .minSiblings(minSiblings)
            .build()
            .tighten(original, recorder.log());
    DecisionEngine before = DecisionEngine.builder(original).clock(CLOCK).cacheSize(0).build();
    DecisionEngine after = DecisionEngine.builder(t.policy()).clock(CLOCK).cacheSize(0).build();
    Statistics.label("allowed calls logged").collect(allowed.isEmpty() ? "none" : "some");
    Statistics.label("entries tightened").collect(t.entries().isEmpty() ? "none" : "some");
    Statistics.label("allowed calls logged").coverage(c -> c.check("some").percentage(p -> p > 30));
    Statistics.label("entries tightened").coverage(c -> c.check("some").percentage(p -> p > 20));
    for (Request r : allowed) {
      assertThat(after.decide(r).isAllowed())
          .as("logged %s, tightened %s", r, t.entries())
          .isTrue();
    }
    List<DelegationChain> subjects = new ArrayList<>(CHAINS);
    Scenarios.PRINCIPALS.forEach(p -> subjects.add(DelegationChain.of(p)));
    calls.forEach(r -> subjects.add(r.chain()));
    for (DelegationChain chain : subjects) {
      for (String tool : Scenarios.TOOLS) {
        for (String res : PROBES) {
          Request r =
              Request.of(
                  chain, ToolId.parse(tool), res.isEmpty() ? ResourceId.NONE : ResourceId.of(res));
          if (!before.decide(r).isAllowed()) {
            assertThat(after.decide(r).isAllowed())
                .as("%s denied before, tightened %s", r, t.entries())
                .isFalse();
          }
        }
      }
    }
  }

  @Property(tries = 200)
  void effectivePermissions_equalBruteForceDecisions_forPrincipalsAndChains(
      @ForAll("healthyPolicies") Policy p) {
    PolicyAnalyzer analyzer = PolicyAnalyzer.builder(p).catalog(catalog()).clock(CLOCK).build();
    List<DelegationChain> subjects = new ArrayList<>(CHAINS);
    Scenarios.PRINCIPALS.forEach(x -> subjects.add(DelegationChain.of(x)));
    for (DelegationChain chain : subjects) {
      List<String> reached =
          analyzer.effectivePermissions(chain).reaches().stream()
              .map(r -> r.tool().label() + " " + r.resource().label())
              .toList();
      List<String> expected = new ArrayList<>();
      for (CatalogTool t : analyzer.catalog().tools()) {
        for (CatalogResource r : analyzer.catalog().resources()) {
          if (reference(p, chain, t.tool().id(), r.id())) {
            expected.add(t.label() + " " + r.label());
          }
        }
      }
      assertThat(reached).as("%s", chain).isEqualTo(expected);
      Statistics.label("calls reached").collect(expected.isEmpty() ? "none" : "some");
    }
    Statistics.label("calls reached")
        .coverage(c -> c.check("some").percentage(share -> share > 12));
  }
}
