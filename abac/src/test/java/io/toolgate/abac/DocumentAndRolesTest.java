package io.toolgate.abac;

import static io.toolgate.abac.Fixtures.ACCOUNT;
import static io.toolgate.abac.Fixtures.DELETE;
import static io.toolgate.abac.Fixtures.READ;
import static io.toolgate.abac.Fixtures.TRANSFER;
import static io.toolgate.abac.Fixtures.call;
import static io.toolgate.abac.Fixtures.engines;
import static io.toolgate.abac.Fixtures.organisation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.PrincipalType;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.RoleDirectory;
import io.toolgate.spi.Verdicts;
import io.toolgate.testing.Engines;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentAndRolesTest {

  /**
   * Stands in for toolgate-rbac: publishes a RoleDirectory and grants nothing (nor shows anything).
   */
  record FakeRoles(Map<String, Set<String>> roles) implements PolicyModule {
    @Override
    public String name() {
      return "fake-roles";
    }

    @Override
    public String fingerprint() {
      return roles.toString();
    }

    @Override
    public CompiledModule compile(PolicyView view) {
      RoleDirectory directory =
          (principal, session) -> {
            Set<String> held = roles.getOrDefault(principal, Set.of());
            return held.stream()
                .filter(session::isActive)
                .collect(java.util.stream.Collectors.toSet());
          };
      return new CompiledModule() {
        @Override
        public void evaluate(Query query, Verdicts verdicts) {}

        @Override
        public boolean mayAllow(
            io.toolgate.Principal principal, io.toolgate.Tool tool, Session session) {
          return false; // grants nothing
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
          return type == RoleDirectory.class ? Optional.of(type.cast(directory)) : Optional.empty();
        }
      };
    }
  }

  @Test
  void fromDocument_rulesSection_readsEveryKey() {
    AbacPolicy abac =
        AbacPolicy.fromDocument(
            List.of(
                Map.of(
                    "id",
                    "small-transfers",
                    "effect",
                    "allow",
                    "tools",
                    List.of("payments/transfer"),
                    "resources",
                    List.of("acct:**"),
                    "types",
                    List.of("user"),
                    "when",
                    "args.amount <= 1000 && principal.attributes.team == 'finance'"),
                Map.of(
                    "id",
                    "no-destructive-after-hours",
                    "effect",
                    "deny",
                    "tools",
                    List.of("*/*"),
                    "when",
                    "tool.annotations.destructive && (env.hour < 8 || env.hour >= 18)")));
    assertThat(abac.rules())
        .extracting(Rule::id)
        .containsExactly("small-transfers", "no-destructive-after-hours");
    Rule first = abac.rules().get(0);
    assertThat(first.effect()).isEqualTo(Effect.ALLOW);
    assertThat(first.principalTypes()).containsExactly(PrincipalType.USER);
    assertThat(first.resources()).hasSize(1);
    Engines e = engines(organisation().allow("bob", "*/*").module(abac).build());
    assertThat(e.decide(call("alice", TRANSFER, ACCOUNT, Map.of("amount", 10))).isAllowed())
        .isTrue();
    e.clock().set(Fixtures.EVENING);
    assertThat(e.decide(call("bob", DELETE, ResourceId.NONE, Map.of())).reason())
        .isEqualTo(Reason.EXPLICIT_DENY);
  }

  @Test
  void fromDocument_malformedRules_reportEveryProblemWithItsIndex() {
    assertThatThrownBy(
            () ->
                AbacPolicy.fromDocument(
                    List.of(
                        Map.of("id", "a", "effect", "permit", "tools", List.of("x/y")),
                        Map.of(
                            "id", "b", "effect", "allow", "tools", List.of("x/y"), "colour", "red"),
                        Map.of("effect", "allow", "tools", List.of("x/y")),
                        "not a map",
                        Map.of(
                            "id",
                            "e",
                            "effect",
                            "allow",
                            "tools",
                            List.of("x/y"),
                            "types",
                            List.of("robot")))))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "rules[0]: effect must be allow or deny, not 'permit'",
                        "rules[1]: unknown key 'colour'; expected one of [effect, id, principals, resources, roles, tools, types, when]",
                        "rules[2]: 'id' is required",
                        "rules[3]: a rule must be a map, not not a map",
                        "rules[4]: unknown principal type 'robot'; expected user, agent or service"));
  }

  @Test
  void decide_roleTargetAndRolesVariable_useTheRoleDirectory() {
    Policy p =
        organisation()
            .module(
                new FakeRoles(
                    Map.of("alice", Set.of("approver", "reader"), "bob", Set.of("reader"))))
            .module(
                AbacPolicy.of(
                    Rule.allow("approvers-transfer").tools("payments/*").roles("approver").build(),
                    Rule.allow("readers-read")
                        .tools("files/read")
                        .when("'reader' in principal.roles")
                        .build()))
            .build();
    Engines e = engines(p);
    assertThat(e.decide(call("alice", TRANSFER, ACCOUNT, Map.of())).ruleIds())
        .containsExactly("approvers-transfer");
    assertThat(e.decide(call("bob", TRANSFER, ACCOUNT, Map.of())).reason())
        .isEqualTo(Reason.NOT_PERMITTED);
    assertThat(e.decide(call("bob", READ, ResourceId.NONE, Map.of())).isAllowed()).isTrue();
    // A session that activates only 'reader' keeps alice from transferring.
    Decision readerOnly =
        e.decide(
            Request.builder(DelegationChain.of("alice"), TRANSFER)
                .resource(ACCOUNT)
                .session(Session.DEFAULT.withActiveRoles("reader"))
                .build());
    assertThat(readerOnly.reason()).isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void build_roleModuleAfterAbac_isAConfigurationError() {
    assertThatThrownBy(
            () ->
                organisation()
                    .module(
                        AbacPolicy.of(
                            Rule.allow("approvers").tools("payments/*").roles("approver").build()))
                    .module(new FakeRoles(Map.of()))
                    .build())
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .contains("add the rbac module before the abac module"));
  }

  @Test
  void decide_celRuntimeEngine_decidesLikeCompiled() {
    Rule rule =
        Rule.allow("r")
            .tools("payments/*")
            .when("args.amount <= 1000 && principal.attributes.team == 'finance' && env.hour < 18")
            .build();
    Engines compiled = engines(organisation().module(AbacPolicy.of(rule)).build());
    Engines cel =
        engines(
            organisation()
                .module(
                    AbacPolicy.builder()
                        .rule(rule)
                        .conditionEngine(ConditionEngine.CEL_RUNTIME)
                        .build())
                .build());
    for (Map<String, ?> args :
        List.<Map<String, ?>>of(
            Map.of("amount", 5), Map.of("amount", 5000), Map.of(), Map.of("amount", "x"))) {
      for (String who : List.of("alice", "bob")) {
        Decision a = compiled.decide(call(who, TRANSFER, ACCOUNT, args));
        Decision b = cel.decide(call(who, TRANSFER, ACCOUNT, args));
        assertThat(a.effect()).isEqualTo(b.effect());
        assertThat(a.reason()).isEqualTo(b.reason());
        assertThat(a.ruleIds()).isEqualTo(b.ruleIds());
        assertThat(a.errors().size()).isEqualTo(b.errors().size());
      }
    }
  }

  @Test
  void fingerprint_changedCondition_changesAndBuilderSetsOnce() {
    Rule r = Rule.allow("r").tools("a/b").when("args.x == 1").build();
    assertThat(AbacPolicy.of(r).fingerprint()).isEqualTo(AbacPolicy.of(r).fingerprint());
    assertThat(AbacPolicy.of(r).fingerprint())
        .isNotEqualTo(
            AbacPolicy.of(Rule.allow("r").tools("a/b").when("args.x == 2").build()).fingerprint());
    AbacPolicy.Builder b = AbacPolicy.builder().conditionEngine(ConditionEngine.CEL_RUNTIME);
    assertThatThrownBy(() -> b.conditionEngine(ConditionEngine.COMPILED))
        .isInstanceOf(IllegalStateException.class);
    assertThat(AbacPolicy.of(r).name()).isEqualTo("abac");
  }
}
