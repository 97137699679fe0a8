package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tools a principal with roles is shown ({@code ToolGuard.visibleTools}). */
class RbacVisibilityTest {
  static final List<ToolId> CATALOG =
      List.of(
          ToolId.parse("gh/list_issues"),
          ToolId.parse("gh/get_file"),
          ToolId.parse("gh/delete_repo"),
          ToolId.parse("pay/submit"),
          ToolId.parse("pay/approve"));

  static final RbacPolicy RBAC =
      RbacPolicy.builder()
          .role(
              Role.builder("reader")
                  .allow(List.of("gh/list_*", "gh/get_*"), List.of("repo:**"))
                  .build())
          .role(
              Role.builder("admin")
                  .inherits("reader")
                  .allow("gh/*")
                  .deny(List.of("gh/delete_*"), List.of("repo:acme/secret-*"))
                  .build())
          .role(Role.builder("no-deletes").deny("gh/delete_*").build())
          .role(Role.builder("submitter").allow("pay/submit").build())
          .role(Role.builder("approver").allow("pay/approve").build())
          .assign("alice", "reader")
          .assign("bob", "admin")
          .assign("carol", "admin", "no-deletes")
          .assignInTenant("dave", "submitter", "acme")
          .assignInTenant("dave", "admin", "globex")
          .assign("erin", "submitter", "approver")
          .dynamicSeparation("submit-or-approve", "submitter", "approver")
          .tenantFromResource("repo:{tenant}/**")
          .build();

  static ToolGuard guard() {
    Policy policy =
        Policy.builder()
            .principals(
                Principal.user("alice").build(),
                Principal.user("bob").build(),
                Principal.user("carol").build(),
                Principal.user("dave").build(),
                Principal.user("erin").build(),
                Principal.user("frank").build())
            .module(RBAC)
            .build();
    return ToolGuard.builder(DecisionEngine.builder(policy).build()).build();
  }

  static final ToolGuard GUARD = guard();

  static List<String> visible(String principal, Session session) {
    return CATALOG.stream()
        .filter(t -> GUARD.isVisible(DelegationChain.of(principal), t, session))
        .map(ToolId::qualifiedName)
        .toList();
  }

  static List<String> visible(String principal) {
    List<String> shown = visible(principal, Session.DEFAULT);
    assertThat(GUARD.visibleTools(DelegationChain.of(principal), CATALOG))
        .extracting(ToolId::qualifiedName)
        .containsExactlyElementsOf(shown);
    return shown;
  }

  @Test
  void mayAllow_roleAllowsSomeResource_showsExactlyTheGrantedTools() {
    assertThat(visible("alice")).containsExactly("gh/list_issues", "gh/get_file");
    // A deny on some resources does not hide: gh/delete_repo may be allowed on other repositories.
    assertThat(visible("bob")).containsExactly("gh/list_issues", "gh/get_file", "gh/delete_repo");
    assertThat(visible("frank")).as("no roles, no whitelist").isEmpty();
  }

  @Test
  void deniesEverywhere_roleDeniesOnEveryResource_hidesTheTool() {
    assertThat(visible("carol")).containsExactly("gh/list_issues", "gh/get_file");
  }

  @Test
  void mayAllow_tenantScopedRoles_followTheSessionTenantOrAnyTenantWithoutOne() {
    assertThat(visible("dave", Session.tenant("acme"))).containsExactly("pay/submit");
    assertThat(visible("dave", Session.tenant("globex")))
        .containsExactly("gh/list_issues", "gh/get_file", "gh/delete_repo");
    assertThat(visible("dave", Session.tenant("initech"))).isEmpty();
    // No tenant named: a resource may carry either tenant, so either tenant's roles may apply.
    assertThat(visible("dave"))
        .containsExactly("gh/list_issues", "gh/get_file", "gh/delete_repo", "pay/submit");
  }

  @Test
  void mayAllow_activeRolesAndDynamicSeparation_narrowWhatIsShown() {
    // Both of erin's roles active at once violate dynamic separation of duty: everything is denied.
    assertThat(visible("erin")).isEmpty();
    assertThat(visible("erin", Session.DEFAULT.withActiveRoles("approver")))
        .containsExactly("pay/approve");
    assertThat(visible("bob", Session.DEFAULT.withActiveRoles("reader")))
        .containsExactly("gh/list_issues", "gh/get_file");
  }
}
