package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Effective permissions: reach decided by the engine, explained by reported grants. */
class PolicyAnalyzerTest {
  private final PolicyAnalyzer analyzer =
      PolicyAnalyzer.builder(Fixtures.policy()).clock(CLOCK).build();

  @Test
  void effectivePermissions_principal_listsEveryReachedToolAndResource_withGrants() {
    EffectivePermissions eff = analyzer.effectivePermissions("triage-bot");
    assertThat(eff.tools())
        .containsExactly(
            "github/list_issues", "github/get_file", "github/add_label", "github/delete_repo");
    assertThat(eff.reachesOf("github/delete_repo"))
        .extracting(r -> r.resource().label())
        .containsExactly("repo:acme/**");
    assertThat(eff.reachesOf("github/get_file"))
        .extracting(r -> r.resource().label())
        .containsExactly("repo:acme/**", "repo:acme/secret-*", "repo:acme/secret-keys");
    Reach r = eff.reachesOf("github/list_issues").get(0);
    assertThat(r.access()).isEqualTo(Access.ALWAYS);
    assertThat(r.grants())
        .containsExactly(
            new GrantRef("triage-bot", "triage-bot/allow/0", "whitelist", "direct entry", ""));
    assertThat(eff.isComplete()).isTrue();
  }

  @Test
  void effectivePermissions_chain_isTheIntersection_andNamesEveryHopsGrant() {
    EffectivePermissions eff =
        analyzer.effectivePermissions(DelegationChain.onBehalfOf("alice", "triage-bot"));
    assertThat(eff.tools())
        .containsExactly("github/list_issues", "github/get_file", "github/add_label");
    assertThat(eff.reaches("github/get_file", "repo:acme/secret-keys")).isFalse();
    assertThat(eff.reachesOf("github/add_label").get(0).grants())
        .extracting(GrantRef::ruleId)
        .containsExactly("alice/allow/0", "triage-bot/allow/0");
    assertThat(eff.subject()).isEqualTo("alice -> triage-bot");
  }

  @Test
  void effectivePermissions_scopedChain_probesTheScopesPatternsToo() {
    DelegationChain chain =
        DelegationChain.of("alice")
            .then(
                "triage-bot",
                DelegationScope.builder()
                    .tools("github/list_*")
                    .resources("repo:acme/support-*")
                    .build());
    PolicyAnalyzer a =
        PolicyAnalyzer.builder(Fixtures.policy())
            .clock(CLOCK)
            .catalog(Catalog.builder().chain(chain).build())
            .build();
    EffectivePermissions eff = a.effectivePermissions(chain);
    assertThat(eff.reaches())
        .extracting(Reach::toString)
        .containsExactly(
            "github/list_issues on repo:acme/support-* through alice/allow/0 (alice: direct entry), "
                + "triage-bot/allow/0 (triage-bot: direct entry)");
  }

  @Test
  void effectivePermissions_scopedChainOutsideTheCatalog_probesItsScopePatterns() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("u").build())
            .principal(Principal.agent("a").owner("u").build())
            .allow("u", List.of("github/*"), List.of("repo:acme/**"))
            .allow("a", List.of("github/*"), List.of("repo:acme/**"))
            .build();
    DelegationChain chain =
        DelegationChain.of("u")
            .then(
                "a",
                DelegationScope.builder()
                    .tools("github/list_*")
                    .resources("repo:acme/support-*")
                    .build());
    EffectivePermissions eff =
        PolicyAnalyzer.builder(p).clock(CLOCK).build().effectivePermissions(chain);
    assertThat(eff.reaches())
        .extracting(r -> r.tool().label() + " on " + r.resource().label())
        .containsExactly("github/list_* on repo:acme/support-*");
  }

  @Test
  void effectivePermissions_withoutCatalog_probesPatternsThroughWitnesses() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("u").build())
            .allow("u", List.of("github/list_*"), List.of("repo:acme/*"))
            .build();
    EffectivePermissions eff =
        PolicyAnalyzer.builder(p).clock(CLOCK).build().effectivePermissions("u");
    assertThat(eff.reaches())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.tool().label()).isEqualTo("github/list_*");
              assertThat(r.tool().tool().id().qualifiedName()).isEqualTo("github/list_x");
              assertThat(r.resource().label()).isEqualTo("repo:acme/*");
              assertThat(r.resource().id().value()).isEqualTo("repo:acme/x");
            });
  }

  @Test
  void effectivePermissions_conditionalRules_areReachedConditionally_withTheirConditions() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("u").build())
            .allow("u", "files/read")
            .module(
                RuleModule.of(
                    new RuleModule.Rule(
                        "small-transfers",
                        "u",
                        Effect.ALLOW,
                        "payments/transfer",
                        "args.amount <= 1000",
                        ctx -> ((Number) ctx.arguments().get("amount")).intValue() <= 1000),
                    new RuleModule.Rule(
                        "office-hours",
                        "u",
                        Effect.DENY,
                        "files/read",
                        "env.hour >= 18",
                        ctx -> (Integer) ctx.environment().get("hour") >= 18)))
            .build();
    EffectivePermissions eff =
        PolicyAnalyzer.builder(p).clock(CLOCK).build().effectivePermissions("u");
    assertThat(eff.reachesOf("payments/transfer"))
        .extracting(r -> r.resource().label())
        .containsExactly("(none)", "**");
    assertThat(eff.reachesOf("payments/transfer"))
        .allSatisfy(
            r -> {
              assertThat(r.access()).isEqualTo(Access.CONDITIONAL);
              assertThat(r.conditions()).containsExactly("when args.amount <= 1000");
              assertThat(r.grants()).extracting(GrantRef::source).containsExactly("rule for u");
            });
    assertThat(eff.reachesOf("files/read"))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.access()).isEqualTo(Access.CONDITIONAL);
              assertThat(r.conditions()).containsExactly("unless env.hour >= 18");
            });
  }

  @Test
  void effectivePermissions_unreportingModule_stillReachedByTheEngine_butMarkedIncomplete() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("u").build())
            .allow("u", "files/read")
            .module(
                RuleModule.of(
                        new RuleModule.Rule(
                            "any",
                            "u",
                            Effect.ALLOW,
                            "files/write",
                            "x",
                            ctx -> ctx.arguments().containsKey("x")))
                    .opaque())
            .build();
    PolicyAnalyzer a =
        PolicyAnalyzer.builder(p)
            .clock(CLOCK)
            .catalog(Catalog.builder().tool("files/read").tool("files/write").build())
            .build();
    EffectivePermissions eff = a.effectivePermissions("u");
    assertThat(eff.isComplete()).isFalse();
    assertThat(eff.unreportedModules()).containsExactly("rules");
    assertThat(eff.reachesOf("files/write"))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.conditions()).containsExactly("when conditions of rules hold");
              assertThat(r.grants()).extracting(GrantRef::source).containsExactly("not reported");
            });
  }

  @Test
  void effectivePermissions_inactiveOrUnknownPrincipal() {
    Policy p =
        Fixtures.catalog()
            .principal(Principal.user("u").state(io.toolgate.LifecycleState.SUSPENDED).build())
            .allow("u", "github/*")
            .build();
    assertThat(PolicyAnalyzer.builder(p).clock(CLOCK).build().effectivePermissions("u").reaches())
        .isEmpty();
    assertThatThrownBy(() -> analyzer.effectivePermissions("nobody"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_settingTwice_isRejected() {
    PolicyAnalyzer.Builder b = PolicyAnalyzer.builder(Fixtures.policy()).clock(CLOCK);
    assertThatThrownBy(() -> b.clock(CLOCK)).isInstanceOf(IllegalStateException.class);
  }
}
