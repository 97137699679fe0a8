package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOT;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Session;
import org.junit.jupiter.api.Test;

/**
 * Agents assigned roles bounded by their owner's: effective only where the owner holds the role.
 */
class BoundedByOwnerTest {
  private static RbacPolicy.Builder roles() {
    return RbacPolicy.builder()
        .role(Role.builder("reader").allow("github/list_issues").build())
        .role(Role.builder("triager").inherits("reader").allow("github/add_label").build())
        .role(Role.builder("admin").inherits("triager").allow("github/delete_repo").build());
  }

  @Test
  void decide_ownerHoldsTheRole_boundedAssignmentIsEffective() {
    Policy p =
        policy(
            roles().assign("alice", "triager").assignBoundedByOwner("bot", "triager").build(),
            ALICE,
            BOT);
    assertThat(decide(p, "bot", "github/add_label", "").isAllowed()).isTrue();
    assertThat(decide(p, "bot", "github/list_issues", "").isAllowed()).isTrue();
  }

  @Test
  void decide_ownerHoldsTheRoleThroughASeniorRole_boundedAssignmentIsEffective() {
    Policy p =
        policy(
            roles().assign("alice", "admin").assignBoundedByOwner("bot", "reader").build(),
            ALICE,
            BOT);
    assertThat(decide(p, "bot", "github/list_issues", "").isAllowed()).isTrue();
    assertThat(decide(p, "bot", "github/delete_repo", "").reason())
        .as("the agent gets the role it was assigned, not the owner's senior role")
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_ownerLacksTheRole_boundedAssignmentIsDormant() {
    Policy p =
        policy(
            roles().assign("alice", "reader").assignBoundedByOwner("bot", "admin").build(),
            ALICE,
            BOT);
    assertThat(decide(p, "bot", "github/delete_repo", "").reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(decide(p, "bot", "github/list_issues", "").reason())
        .as("not even the juniors of a dormant role")
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_unboundedAssignment_isNotLimitedByTheOwner() {
    Policy p = policy(roles().assign("bot", "admin").build(), ALICE, BOT);
    assertThat(decide(p, "bot", "github/delete_repo", "").isAllowed()).isTrue();
  }

  @Test
  void decide_ownerHoldsTheRoleInOneTenant_boundedAssignmentEffectiveThereOnly() {
    Policy p =
        policy(
            roles()
                .assignInTenant("alice", "triager", "acme")
                .assignBoundedByOwner("bot", "triager")
                .build(),
            ALICE,
            BOT);
    assertThat(decide(p, "bot", "github/add_label", "", Session.tenant("acme")).isAllowed())
        .isTrue();
    assertThat(decide(p, "bot", "github/add_label", "", Session.tenant("globex")).isAllowed())
        .isFalse();
    assertThat(decide(p, "bot", "github/add_label", "").isAllowed()).isFalse();
  }

  @Test
  void decide_boundedTenantAssignment_needsTheOwnerInThatTenant() {
    Policy p =
        policy(
            roles()
                .assign("alice", "triager")
                .assignment(Assignment.of("bot", "admin").inTenant("acme").boundedByOwner())
                .assignment(Assignment.of("bot", "reader").inTenant("acme").boundedByOwner())
                .build(),
            ALICE,
            BOT);
    assertThat(decide(p, "bot", "github/list_issues", "", Session.tenant("acme")).isAllowed())
        .isTrue();
    assertThat(decide(p, "bot", "github/delete_repo", "", Session.tenant("acme")).isAllowed())
        .isFalse();
    assertThat(decide(p, "bot", "github/list_issues", "").isAllowed()).isFalse();
  }

  @Test
  void decide_ownerIsItselfABoundedAgent_boundsCompose() {
    Principal helper = Principal.agent("helper").owner("bot").build();
    Policy p =
        policy(
            roles()
                .assign("alice", "triager")
                .assignBoundedByOwner("bot", "triager")
                .assignBoundedByOwner("helper", "reader")
                .assignBoundedByOwner("helper", "admin")
                .build(),
            ALICE,
            BOT,
            helper);
    assertThat(decide(p, "helper", "github/list_issues", "").isAllowed()).isTrue();
    assertThat(decide(p, "helper", "github/delete_repo", "").isAllowed()).isFalse();
    RoleQueries q = ((RbacPolicy) p.modules().get(0)).queries(p);
    assertThat(q.assignedRoles("helper", null)).containsExactly("reader");
    assertThat(q.effectiveRoles("helper")).containsExactly("reader");
  }
}
