package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.BOT;
import static io.toolgate.rbac.Fixtures.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.RoleDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rbac module reports role grants with their paths and lists role holders. */
class GrantReportTest {
  private static final RbacPolicy RBAC =
      RbacPolicy.builder()
          .role(Role.builder("reader").allow("github/list_*").deny("github/list_secrets").build())
          .role(Role.builder("triager").inherits("reader").allow("github/close_issue").build())
          .role(Role.builder("unused").allow("x/y").build())
          .assign("alice", "triager")
          .assignInTenant("carol", "triager", "acme")
          .assignBoundedByOwner("bot", "reader")
          .build();
  private static final Policy POLICY =
      Policy.builder().principals(ALICE, BOB, CAROL, BOT).module(RBAC).build();

  @Test
  void grants_roleEntries_carryRoleAndInheritancePath() {
    List<Grant> grants = POLICY.grants("alice");
    assertThat(grants)
        .extracting(Grant::ruleId)
        .containsExactly("role:reader/allow/0", "role:reader/deny/0", "role:triager/allow/0");
    assertThat(grants.get(0).source())
        .isEqualTo(new GrantSource.Role("reader", List.of("triager", "reader")));
    assertThat(grants.get(1).effect()).isEqualTo(Effect.DENY);
    assertThat(grants).allSatisfy(g -> assertThat(g.appliesAlways()).isTrue());
    assertThat(POLICY.modulesWithoutGrantReports()).isEmpty();
  }

  @Test
  void grants_tenantScopedRoles_areScopedToTheTenant_withoutCondition() {
    assertThat(POLICY.grants("carol"))
        .hasSize(3)
        .allSatisfy(
            g -> {
              assertThat(g.tenant()).isEqualTo("acme");
              assertThat(g.isConditional()).isFalse();
            });
    assertThat(POLICY.grants("carol").get(0))
        .hasToString("role:reader/allow/0 (role reader via triager -> reader in tenant acme)");
    assertThat(POLICY.grants("bob")).isEmpty();
  }

  @Test
  void roleHolders_listEveryRole_withHoldersInAnyTenant() {
    Map<String, Set<String>> holders =
        POLICY.service(RoleDirectory.class).orElseThrow().roleHolders();
    assertThat(holders).containsOnlyKeys("reader", "triager", "unused");
    assertThat(holders.get("reader")).containsExactly("alice", "bot", "carol");
    assertThat(holders.get("triager")).containsExactly("alice", "carol");
    assertThat(holders.get("unused")).isEmpty();
  }
}
