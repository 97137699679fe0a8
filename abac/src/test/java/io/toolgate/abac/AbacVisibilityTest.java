package io.toolgate.abac;

import static io.toolgate.abac.Fixtures.DELETE;
import static io.toolgate.abac.Fixtures.READ;
import static io.toolgate.abac.Fixtures.TRANSFER;
import static io.toolgate.abac.Fixtures.organisation;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tools attribute rules let a principal see ({@code ToolGuard.visibleTools}). */
class AbacVisibilityTest {
  static final List<ToolId> CATALOG = List.of(TRANSFER, DELETE, READ);

  static ToolGuard guard(Policy.Builder policy, Rule... rules) {
    Policy p =
        policy
            .module(
                new DocumentAndRolesTest.FakeRoles(Map.of("alice", Set.of("approver", "reader"))))
            .module(AbacPolicy.of(rules))
            .build();
    return ToolGuard.builder(DecisionEngine.builder(p).build()).build();
  }

  static List<String> visible(ToolGuard guard, String principal, Session session) {
    return CATALOG.stream()
        .filter(t -> guard.isVisible(DelegationChain.of(principal), t, session))
        .map(ToolId::qualifiedName)
        .toList();
  }

  static List<String> visible(ToolGuard guard, String principal) {
    List<String> shown = visible(guard, principal, Session.DEFAULT);
    assertThat(guard.visibleTools(DelegationChain.of(principal), CATALOG))
        .extracting(ToolId::qualifiedName)
        .containsExactlyElementsOf(shown);
    return shown;
  }

  @Test
  void mayAllow_allowRuleWhoseTargetsMatch_showsTheToolWhateverItsDynamicCondition() {
    ToolGuard g =
        guard(
            organisation(),
            Rule.allow("small-transfers")
                .tools("payments/transfer")
                .when("args.amount <= 1000 && principal.attributes.team == 'finance'")
                .build(),
            Rule.allow("readers").tools("files/*").principals("bob").when("env.hour < 18").build());
    assertThat(visible(g, "alice")).containsExactly("payments/transfer");
    // bob's team makes the condition false whatever the arguments: the transfer is hidden.
    assertThat(visible(g, "bob")).containsExactly("files/delete", "files/read");
    assertThat(visible(g, "bot"))
        .as("agents of the finance team, too")
        .containsExactly("payments/transfer");
  }

  @Test
  void mayAllow_roleAndTypeTargets_followTheSessionsRoles() {
    ToolGuard g =
        guard(
            organisation(),
            Rule.allow("approvers").tools("payments/*").roles("approver").build(),
            Rule.allow("agents-read")
                .tools("files/read")
                .principalTypes(io.toolgate.PrincipalType.AGENT)
                .build());
    assertThat(visible(g, "alice")).containsExactly("payments/transfer");
    assertThat(visible(g, "alice", Session.DEFAULT.withActiveRoles("reader"))).isEmpty();
    assertThat(visible(g, "bob")).isEmpty();
    assertThat(visible(g, "bot")).containsExactly("files/read");
  }

  @Test
  void deniesEverywhere_denyConstantForPrincipalAndTool_hidesWhatTheWhitelistAllows() {
    ToolGuard g =
        guard(
            organisation().allow("bob", "*/*").allow("alice", "*/*"),
            Rule.deny("no-destructive")
                .tools("files/*")
                .when("tool.annotations.destructive")
                .build(),
            Rule.deny("support-no-payments")
                .tools("payments/*")
                .when("principal.attributes.team == 'support' || resource.id == 'x'")
                .build());
    assertThat(visible(g, "alice")).containsExactly("payments/transfer", "files/read");
    assertThat(visible(g, "bob")).containsExactly("files/read");
  }

  @Test
  void deniesEverywhere_denyDependingOnResourceArgsOrTime_keepsTheToolVisible() {
    ToolGuard g =
        guard(
            organisation().allow("bob", "*/*"),
            Rule.deny("accounts-only").tools("*/*").resources("acct:**").build(),
            Rule.deny("after-hours").tools("*/*").when("env.hour >= 18").build(),
            Rule.deny("big").tools("*/*").when("args.amount > 10").build(),
            Rule.deny("resource")
                .tools("*/*")
                .when("resource.attributes.owner == principal.id")
                .build(),
            Rule.deny("others").tools("*/*").principals("alice").build());
    assertThat(visible(g, "bob"))
        .containsExactly("payments/transfer", "files/delete", "files/read");
  }

  @Test
  void deniesEverywhere_denyOverEveryResourceWithDoubleStar_hides() {
    ToolGuard g =
        guard(
            organisation().allow("bob", "*/*"),
            Rule.deny("all").tools("files/*").resources("**").principals("bob").build());
    assertThat(visible(g, "bob")).containsExactly("payments/transfer");
  }
}
