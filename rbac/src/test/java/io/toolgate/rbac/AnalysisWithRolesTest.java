package io.toolgate.rbac;

import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.analysis.DecisionLog;
import io.toolgate.analysis.Finding;
import io.toolgate.analysis.FindingKind;
import io.toolgate.analysis.GrantRef;
import io.toolgate.analysis.PolicyAnalyzer;
import io.toolgate.analysis.TightenedEntry;
import io.toolgate.analysis.Tightener;
import io.toolgate.analysis.Tightening;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.testing.Scenarios;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Least-privilege tooling over roles: grants named with their inheritance path, unused roles,
 * tightening.
 */
class AnalysisWithRolesTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Scenarios.BASE);
  private static final RbacPolicy RBAC =
      RbacPolicy.builder()
          .role(
              Role.builder("reader")
                  .allow(List.of("github/get_*", "github/list_*"), List.of("repo:acme/**"))
                  .deny(List.of("github/*"), List.of("repo:acme/secret-*"))
                  .build())
          .role(
              Role.builder("triager")
                  .inherits("reader")
                  .allow(List.of("github/add_label"), List.of("repo:acme/*"))
                  .build())
          .role(Role.builder("admin").allow("github/*").build())
          .assign("alice", "triager")
          .assignBoundedByOwner("bot", "reader")
          .build();
  private static final Policy POLICY =
      Policy.builder()
          .principal(Principal.user("alice").build())
          .principal(
              Principal.agent("bot")
                  .owner("alice")
                  .expires(Instant.parse("2027-01-01T00:00:00Z"))
                  .build())
          .module(RBAC)
          .build();

  private final PolicyAnalyzer analyzer = PolicyAnalyzer.builder(POLICY).clock(CLOCK).build();

  @Test
  void effectivePermissions_nameTheRoleAndItsInheritancePath() {
    var eff = analyzer.effectivePermissions("alice");
    assertThat(eff.tools()).containsExactly("github/get_*", "github/list_*", "github/add_label");
    assertThat(eff.reachesOf("github/list_*").get(0).grants())
        .containsExactly(
            new GrantRef(
                "alice", "role:reader/allow/0", "rbac", "role reader via triager -> reader", ""));
    assertThat(eff.reaches("github/list_*", "repo:acme/secret-*")).isFalse();
  }

  @Test
  void findings_roleNobodyHolds_isUnused() {
    assertThat(analyzer.findings())
        .filteredOn(f -> f.kind() == FindingKind.UNUSED_ROLE)
        .extracting(Finding::grant)
        .containsExactly("role:admin");
  }

  @Test
  void assertions_seeRoleGrants() {
    assertThatPolicy(analyzer)
        .principal("bot")
        .canInvoke("github/list_issues")
        .on("repo:acme/api")
        .cannotInvoke("github/add_label")
        .on("repo:acme/api")
        .reachesOnly("github/get_*", "github/list_*");
    assertThatThrownBy(
            () -> assertThatPolicy(analyzer).principal("alice").reachesOnly("github/list_*"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "github/add_label on repo:acme/* through role:triager/allow/0 (alice: role triager)");
  }

  @Test
  void tighten_replacesRolesByAWhitelist_keepingOverlappingRoleDenies() {
    List<String> lines = new ArrayList<>();
    AuditLogListener audit = new AuditLogListener();
    DecisionEngine engine =
        DecisionEngine.builder(POLICY)
            .clock(CLOCK)
            .listener(e -> lines.add(audit.toJson(e)))
            .build();
    for (String repo : List.of("api", "web", "docs")) {
      engine.canInvoke(
          "bot", ToolId.parse("github/list_issues"), ResourceId.of("repo:acme/" + repo));
    }
    Tightening t =
        Tightener.builder()
            .clock(CLOCK)
            .build()
            .tighten(POLICY, DecisionLog.parse("log", String.join("\n", lines)));
    assertThat(t.policy().modules()).isEmpty();
    assertThat(t.entries())
        .containsExactly(
            new TightenedEntry(
                "bot",
                "bot/allow/0",
                Effect.ALLOW,
                List.of("github/list_issues"),
                List.of("repo:acme/*"),
                3,
                List.of("role:reader/allow/0")),
            new TightenedEntry(
                "bot",
                "bot/deny/0",
                Effect.DENY,
                List.of("github/*"),
                List.of("repo:acme/secret-*"),
                0,
                List.of("role:reader/deny/0")));
    assertThat(t.notes())
        .containsExactly(
            "modules [rbac] are dropped: the tightened whitelist replaces their grants");
    DecisionEngine tight = DecisionEngine.builder(t.policy()).clock(CLOCK).build();
    assertThat(
            tight.canInvoke(
                "bot", ToolId.parse("github/list_issues"), ResourceId.of("repo:acme/secret-x")))
        .isFalse();
    assertThat(
            tight.canInvoke(
                "bot", ToolId.parse("github/list_issues"), ResourceId.of("repo:acme/new")))
        .isTrue();
  }
}
