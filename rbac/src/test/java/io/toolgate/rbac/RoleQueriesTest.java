package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.BOT;
import static io.toolgate.rbac.Fixtures.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Session;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.RoleDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Effective roles, role holders, effective permissions with paths, and the RoleDirectory service.
 */
class RoleQueriesTest {
  private static final RbacPolicy RBAC =
      RbacPolicy.builder()
          .role(Role.builder("reader").allow("github/list_*").deny("github/list_secrets").build())
          .role(Role.builder("labeler").allow("github/add_label").build())
          .role(
              Role.builder("triager")
                  .inherits("reader", "labeler")
                  .allow("github/close_issue")
                  .build())
          .role(Role.builder("maintainer").inherits("triager").allow("github/merge").build())
          .role(Role.builder("unused").build())
          .assign("alice", "maintainer")
          .assign("bob", "reader")
          .assignInTenant("carol", "triager", "acme")
          .assignBoundedByOwner("bot", "reader")
          .build();
  private static final Policy POLICY =
      Policy.builder().principals(ALICE, BOB, CAROL, BOT).module(RBAC).build();
  private static final RoleQueries Q = RBAC.queries(POLICY);

  @Test
  void effectiveRoles_includeInheritedRolesInDefinitionOrder() {
    assertThat(Q.effectiveRoles("alice"))
        .containsExactly("reader", "labeler", "triager", "maintainer");
    assertThat(Q.effectiveRoles("bob")).containsExactly("reader");
    assertThat(Q.effectiveRoles("bot")).containsExactly("reader");
  }

  @Test
  void effectiveRoles_perTenant() {
    assertThat(Q.effectiveRoles("carol")).isEmpty();
    assertThat(Q.effectiveRoles("carol", "acme")).containsExactly("reader", "labeler", "triager");
    assertThat(Q.effectiveRoles("carol", "globex")).isEmpty();
  }

  @Test
  void effectiveRoles_undefinedPrincipal_isRejected() {
    assertThatThrownBy(() -> Q.effectiveRoles("mallory"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mallory'");
  }

  @Test
  void principalsHolding_countsInheritanceAndTenants() {
    assertThat(Q.principalsHolding("reader")).containsExactly("alice", "bob", "bot");
    assertThat(Q.principalsHolding("reader", "acme"))
        .containsExactly("alice", "bob", "bot", "carol");
    assertThat(Q.principalsHolding("maintainer")).containsExactly("alice");
    assertThat(Q.principalsHolding("unused")).isEmpty();
    assertThatThrownBy(() -> Q.principalsHolding("ghost"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void effectivePermissions_nameGrantingRoleAndInheritancePath() {
    List<Permission> ps = Q.effectivePermissions("alice");
    assertThat(ps)
        .extracting(Permission::toString)
        .containsExactly(
            "role:reader/allow/0 via maintainer -> triager -> reader",
            "role:reader/deny/0 via maintainer -> triager -> reader",
            "role:labeler/allow/0 via maintainer -> triager -> labeler",
            "role:triager/allow/0 via maintainer -> triager",
            "role:maintainer/allow/0 via maintainer");
    assertThat(ps.get(1).effect()).isEqualTo(Effect.DENY);
    assertThat(ps.get(0).assignedRole()).isEqualTo("maintainer");
    assertThat(ps.get(0).role()).isEqualTo("reader");
  }

  @Test
  void effectivePermissions_perTenantAndForPrincipalsWithoutRoles() {
    assertThat(Q.effectivePermissions("carol")).isEmpty();
    assertThat(Q.effectivePermissions("carol", "acme"))
        .extracting(p -> p.entry().id())
        .containsExactly(
            "role:reader/allow/0",
            "role:reader/deny/0",
            "role:labeler/allow/0",
            "role:triager/allow/0");
  }

  @Test
  void assignedRoles_areTheRolesGivenDirectly() {
    assertThat(Q.assignedRoles("alice", null)).containsExactly("maintainer");
    assertThat(Q.assignedRoles("carol", "acme")).containsExactly("triager");
    assertThat(Q.assignedRoles("carol", null)).isEmpty();
  }

  @Test
  void rolesOf_activeRolesOfTheSession_withTheirJuniors() {
    assertThat(Q.rolesOf("alice", Session.DEFAULT.withActiveRoles("triager")))
        .containsExactly("reader", "labeler", "triager");
    assertThat(Q.rolesOf("alice", Session.DEFAULT.withActiveRoles("unused"))).isEmpty();
    assertThat(Q.rolesOf("mallory", Session.DEFAULT)).isEmpty();
  }

  /** A module compiled after rbac that captures what the view offers. */
  private record Probe(AtomicReference<RoleDirectory> seen, List<RoleQueries> queries)
      implements PolicyModule {
    @Override
    public String name() {
      return "probe";
    }

    @Override
    public String fingerprint() {
      return "probe";
    }

    @Override
    public CompiledModule compile(PolicyView view) {
      seen.set(view.service(RoleDirectory.class).orElse(null));
      view.service(RoleQueries.class).ifPresent(queries::add);
      return (query, verdicts) -> {};
    }
  }

  @Test
  void compiledModule_publishesRoleDirectoryAndQueriesToLaterModules() {
    Probe probe = new Probe(new AtomicReference<>(), new ArrayList<>());
    Policy.builder().principals(ALICE, BOB, CAROL, BOT).module(RBAC).module(probe).build();
    RoleDirectory dir = probe.seen().get();
    assertThat(dir).isNotNull();
    assertThat(dir.rolesOf("alice", Session.DEFAULT)).contains("maintainer", "reader");
    assertThat(dir.rolesOf("carol", Session.tenant("acme")))
        .isEqualTo(Set.of("reader", "labeler", "triager"));
    assertThat(dir.rolesOf("carol", Session.DEFAULT)).isEmpty();
    assertThat(probe.queries())
        .singleElement()
        .satisfies(q -> assertThat(q.principalsHolding("triager")).containsExactly("alice"));
    // One type answers both: the directory is the queries, holders included.
    assertThat(dir).isSameAs(probe.queries().get(0));
    assertThat(dir.roleHolders()).containsEntry("triager", Set.of("alice", "carol"));
  }
}
