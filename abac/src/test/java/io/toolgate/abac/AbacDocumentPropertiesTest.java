package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import io.toolgate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Writing a policy with attribute rules and loading it back gives a policy that decides alike, over
 * the random rules, principals, arguments, environments and instants of {@link AbacPropertiesTest},
 * some rules also targeting principals by id: every chain, tool and resource of that world is
 * decided by both, with the world's arguments and environment.
 */
@StatisticsReport(onFailureOnly = true)
class AbacDocumentPropertiesTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new AbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new AbacSection()));
  static final List<DelegationChain> CHAINS =
      List.of(
          DelegationChain.of("u1"),
          DelegationChain.of("u2"),
          DelegationChain.of("a1"),
          DelegationChain.of("u1").then("a1"),
          DelegationChain.of("u2").then("a2"));

  /** A decision without the policy version, which is the document's digest once loaded. */
  record Outcome(
      io.toolgate.Effect effect,
      io.toolgate.Reason reason,
      List<String> ruleIds,
      int hop,
      List<io.toolgate.DecisionError> errors,
      String detail) {
    static Outcome of(Decision d) {
      return new Outcome(
          d.effect(), d.reason(), d.ruleIds(), d.refusingHop().orElse(-1), d.errors(), d.detail());
    }
  }

  @Provide
  Arbitrary<AbacPropertiesTest.World> worlds() {
    Arbitrary<Set<String>> targets =
        Arbitraries.of(Set.of(), Set.of(), Set.of("u1"), Set.of("a1", "u2"));
    return new AbacPropertiesTest()
        .worlds()
        .flatMap(
            w ->
                targets
                    .list()
                    .ofSize(w.rules().size())
                    .map(
                        t -> {
                          List<Rule> rules = new ArrayList<>();
                          for (int i = 0; i < w.rules().size(); i++) {
                            Rule r = w.rules().get(i);
                            rules.add(
                                new Rule(
                                    r.id(),
                                    r.effect(),
                                    r.tools(),
                                    r.resources(),
                                    t.get(i),
                                    r.principalTypes(),
                                    r.roles(),
                                    r.condition()));
                          }
                          return w.withRules(rules);
                        }));
  }

  @Property(tries = 250)
  void load_writtenPolicy_decidesLikeTheOriginal(
      @ForAll("worlds") AbacPropertiesTest.World w, @ForAll boolean json) {
    Policy policy = w.policy(ConditionEngine.COMPILED);
    DocumentFormat format = json ? DocumentFormat.JSON : DocumentFormat.YAML;
    String text = WRITER.write(policy, format);

    Policy loaded = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);

    assertThat(loaded.modules())
        .filteredOn(AbacPolicy.class::isInstance)
        .singleElement()
        .satisfies(m -> assertThat(((AbacPolicy) m).rules()).isEqualTo(w.rules()));
    DecisionEngine original =
        DecisionEngine.builder(policy).clock(new MutableClock(w.now())).cacheSize(0).build();
    DecisionEngine again =
        DecisionEngine.builder(loaded).clock(new MutableClock(w.now())).cacheSize(0).build();
    for (DelegationChain chain : CHAINS) {
      for (ToolId tool : AbacPropertiesTest.TOOLS) {
        for (ResourceId resource : AbacPropertiesTest.RESOURCES) {
          Request r =
              Request.builder(chain, tool)
                  .resource(resource)
                  .arguments(w.args())
                  .environment(w.env())
                  .build();
          Decision d = original.decide(r);
          assertThat(Outcome.of(again.decide(r)))
              .as("%s\n in %s", r, text)
              .isEqualTo(Outcome.of(d));
          Statistics.label("reason").collect(d.reason());
        }
      }
    }
    assertThat(WRITER.write(loaded, format)).isEqualTo(text);
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(io.toolgate.Reason.PERMITTED).percentage(p -> p > 5);
              c.check(io.toolgate.Reason.CONDITION_FAILED).percentage(p -> p > 2);
              c.check(io.toolgate.Reason.ERROR).count(n -> n > 0);
            });
  }
}
