package io.toolgate.abac;

import static io.toolgate.abac.Conditions.allOf;
import static io.toolgate.abac.Conditions.anyOf;
import static io.toolgate.abac.Conditions.arg;
import static io.toolgate.abac.Conditions.env;
import static io.toolgate.abac.Conditions.not;
import static io.toolgate.abac.Conditions.principalAttr;
import static io.toolgate.abac.Conditions.principalId;
import static io.toolgate.abac.Conditions.principalType;
import static io.toolgate.abac.Conditions.resourceAttr;
import static io.toolgate.abac.Conditions.toolAnnotation;
import static io.toolgate.abac.Fixtures.ACCOUNT;
import static io.toolgate.abac.Fixtures.DELETE;
import static io.toolgate.abac.Fixtures.OTHER_ACCOUNT;
import static io.toolgate.abac.Fixtures.TRANSFER;
import static io.toolgate.abac.Fixtures.call;
import static io.toolgate.abac.Fixtures.engines;
import static io.toolgate.abac.Fixtures.organisation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.testing.Engines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  @Test
  void text_dslCondition_isTheCelItStandsFor() {
    RuleCondition c = arg("amount").lessOrEqual(1000).and(principalAttr("team").eq("finance"));
    assertThat(c.text())
        .isEqualTo("(args.amount <= 1000) && (principal.attributes.team == \"finance\")");
    assertThat(arg("odd-name").field("x y").eq("q\"uote\n").text())
        .isEqualTo("args[\"odd-name\"][\"x y\"] == \"q\\\"uote\\n\"");
    assertThat(arg("amount").exists().text()).isEqualTo("has(args.amount)");
    assertThat(arg("odd-name").exists().text()).isEqualTo("\"odd-name\" in args");
    assertThat(arg("tags").size().greaterThan(2).text()).isEqualTo("size(args.tags) > 2");
    assertThat(env("region").in("eu", "us").text()).isEqualTo("env.region in [\"eu\", \"us\"]");
    assertThat(arg("ratio").lessThan(0.5).text()).isEqualTo("args.ratio < 0.5");
  }

  @Test
  void decide_dslCondition_decidesLikeTheSameCel() {
    RuleCondition dsl =
        allOf(
            arg("amount").lessOrEqual(1000),
            principalAttr("team").eq("finance"),
            anyOf(resourceAttr("owner").eq(principalId()), principalType().eq("agent")));
    String cel =
        "args.amount <= 1000 && principal.attributes.team == 'finance'"
            + " && (resource.attributes.owner == principal.id || principal.type == 'agent')";
    Policy viaDsl =
        organisation()
            .module(AbacPolicy.of(Rule.allow("r").tools("payments/*").when(dsl).build()))
            .build();
    Policy viaCel =
        organisation()
            .module(AbacPolicy.of(Rule.allow("r").tools("payments/*").when(cel).build()))
            .build();
    Engines a = engines(viaDsl);
    Engines b = engines(viaCel);
    for (String who : List.of("alice", "bob", "bot")) {
      for (ResourceId where : List.of(ACCOUNT, OTHER_ACCOUNT)) {
        for (Map<String, ?> args :
            List.<Map<String, ?>>of(Map.of("amount", 5), Map.of("amount", 5000), Map.of())) {
          var ra = a.decide(call(who, TRANSFER, where, args));
          var rb = b.decide(call(who, TRANSFER, where, args));
          assertThat(ra.effect()).isEqualTo(rb.effect());
          assertThat(ra.reason()).isEqualTo(rb.reason());
        }
      }
    }
  }

  @Test
  void decide_dslDenyWithAnnotationAndNegation_deniesOutsideStaging() {
    Policy p =
        organisation()
            .allow("bob", "*/*")
            .module(
                AbacPolicy.of(
                    Rule.deny("no-destructive-outside-staging")
                        .tools("*/*")
                        .when(
                            toolAnnotation("destructive").and(not(env("deployment").eq("staging"))))
                        .build()))
            .build();
    Engines e = engines(p);
    assertThat(e.decide(call("bob", DELETE, ResourceId.NONE, Map.of())).reason())
        .isEqualTo(Reason.ERROR);
    assertThat(
            e.decide(
                    io.toolgate.Request.builder(io.toolgate.DelegationChain.of("bob"), DELETE)
                        .environment(Map.of("deployment", "staging"))
                        .build())
                .isAllowed())
        .isTrue();
    assertThat(
            e.decide(
                    io.toolgate.Request.builder(io.toolgate.DelegationChain.of("bob"), DELETE)
                        .environment(Map.of("deployment", "prod"))
                        .build())
                .reason())
        .isEqualTo(Reason.EXPLICIT_DENY);
  }

  @Test
  void build_dslTypeMistake_isReportedWithPosition() {
    assertThatThrownBy(
            () ->
                organisation()
                    .module(
                        AbacPolicy.of(
                            Rule.allow("r").tools("*/*").when(principalType().lessThan(3)).build()))
                    .build())
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("abac: rule 'r': condition does not type-check at 1:16"));
  }

  @Test
  void factories_badArguments_failAtOnce() {
    assertThatThrownBy(() -> toolAnnotation("dangerous"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> arg("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> arg("a").size().exists()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> arg("a").in(new String[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> arg("a").eq(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
