package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Writing a policy with roles and loading it back gives a policy that decides every request
 * alike, over the random worlds of {@link RbacPropertiesTest} ({@link RbacWorld}: role DAGs,
 * tenant-scoped and owner-bounded assignments, whitelist entries, static and dynamic constraints
 * with cardinalities, tenant patterns) and their random requests.
 */
class RbacDocumentPropertiesTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of(new RbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new RbacSection()));

  /** A decision without the policy version, which is the document's digest once loaded. */
  record Outcome(io.toolgate.Effect effect, io.toolgate.Reason reason, List<String> ruleIds, int hop,
      String principal, List<io.toolgate.DecisionError> errors, String detail) {
    static Outcome of(Decision d) {
      return new Outcome(d.effect(), d.reason(), d.ruleIds(), d.refusingHop().orElse(-1),
          d.refusingPrincipal().orElse(null), d.errors(), d.detail());
    }
  }

  @Property(tries = 300)
  void load_writtenPolicy_decidesLikeTheOriginal(
      @ForAll @IntRange(min = 1, max = 60) int roles,
      @ForAll @IntRange(min = 1, max = 8) int depth,
      @ForAll boolean json,
      @ForAll long seed) {
    RbacWorld world = RbacWorld.generate(roles, depth, seed);
    Policy policy;
    try {
      policy = world.policy(world.rbac());
    } catch (InvalidPolicyException e) {
      Assume.that(false); // static separation of duty refused the world; nothing to write
      return;
    }
    DocumentFormat format = json ? DocumentFormat.JSON : DocumentFormat.YAML;
    String text = WRITER.write(policy, format);

    Policy loaded = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);

    DecisionEngine original = DecisionEngine.builder(policy).cacheSize(0).build();
    DecisionEngine again = DecisionEngine.builder(loaded).cacheSize(0).build();
    for (Request r : world.requests()) {
      assertThat(Outcome.of(again.decide(r))).as("%s\n in %s", r, text)
          .isEqualTo(Outcome.of(original.decide(r)));
    }
    assertThat(WRITER.write(loaded, format)).isEqualTo(text);
  }
}
