package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Writing a policy with roles and loading it back gives a policy that decides every request alike,
 * over the random worlds of {@link RbacPropertiesTest} ({@link RbacWorld}: role DAGs, tenant-scoped
 * and owner-bounded assignments, whitelist entries, static and dynamic constraints with
 * cardinalities, tenant patterns) and their random requests.
 */
@StatisticsReport(onFailureOnly = true)
class RbacDocumentPropertiesTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new RbacSection()));

  /** A decision without the policy version, which is the document's digest once loaded. */
  record Outcome(
      io.toolgate.Effect effect,
      io.toolgate.Reason reason,
      List<String> ruleIds,
      int hop,
      String principal,
      List<io.toolgate.DecisionError> errors,
      String detail) {
    static Outcome of(Decision d) {
      return new Outcome(
          d.effect(),
          d.reason(),
          d.ruleIds(),
          d.refusingHop().orElse(-1),
          d.refusingPrincipal().orElse(null),
          d.errors(),
          d.detail());
    }
  }

  @Provide
  Arbitrary<RbacWorld> worlds() {
    return RbacWorld.validWorlds(60, 8);
  }

  @Property(tries = 300)
  void load_writtenPolicy_decidesLikeTheOriginal(
      @ForAll("worlds") RbacWorld world, @ForAll boolean json) {
    Policy policy = world.policy(world.rbac());
    DocumentFormat format = json ? DocumentFormat.JSON : DocumentFormat.YAML;
    String text = WRITER.write(policy, format);

    Policy loaded = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);

    DecisionEngine original = DecisionEngine.builder(policy).cacheSize(0).build();
    DecisionEngine again = DecisionEngine.builder(loaded).cacheSize(0).build();
    for (Request r : world.requests()) {
      Decision d = original.decide(r);
      assertThat(Outcome.of(again.decide(r))).as("%s\n in %s", r, text).isEqualTo(Outcome.of(d));
      Statistics.label("reason").collect(d.reason());
    }
    assertThat(WRITER.write(loaded, format)).isEqualTo(text);
    Statistics.label("constraints").collect(world.constraints().isEmpty() ? "none" : "some");
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).percentage(p -> p > 6);
              c.check(Reason.EXPLICIT_DENY).percentage(p -> p > 8);
              c.check(Reason.SEPARATION_OF_DUTY).count(n -> n > 0);
            });
    Statistics.label("constraints").coverage(c -> c.check("some").percentage(p -> p > 25));
  }
}
