package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Session;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** NIST static (SSD) and dynamic (DSD) separation of duty, inherited roles counted. */
class SeparationOfDutyTest {
  private static RbacPolicy.Builder payments() {
    return RbacPolicy.builder()
        .role(Role.builder("submitter").allow("payments/submit").build())
        .role(Role.builder("approver").allow("payments/approve").build())
        .role(Role.builder("auditor").allow("payments/read").build())
        .role(Role.builder("finance-lead").inherits("approver").build())
        .role(Role.builder("cfo").inherits("finance-lead", "auditor").build());
  }

  private static List<String> problems(RbacPolicy rbac, Principal... principals) {
    return catchThrowableOfType(InvalidPolicyException.class, () -> policy(rbac, principals))
        .problems();
  }

  // ---- static ---------------------------------------------------------------------------------

  @Test
  void policyBuild_principalHoldsBothConflictingRoles_isRejectedNamingPrincipalAndRoles() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .assign("alice", "submitter", "approver")
            .build();
    assertThat(problems(rbac, ALICE))
        .containsExactly(
            "rbac: principal 'alice' holds conflicting roles 'approver' (assigned) and 'submitter' "
                + "(assigned), but static separation of duty 'payments' allows fewer than 2 of "
                + "[approver, submitter]");
  }

  @Test
  void policyBuild_conflictThroughInheritance_namesWhereTheRoleWasInheritedFrom() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .assign("alice", "submitter", "cfo")
            .build();
    assertThat(problems(rbac, ALICE))
        .containsExactly(
            "rbac: principal 'alice' holds conflicting roles 'approver' (inherited via cfo -> "
                + "finance-lead -> approver) and 'submitter' (assigned), but static separation of "
                + "duty 'payments' allows fewer than 2 of [approver, submitter]");
  }

  @Test
  void policyBuild_severalViolations_allReported() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .staticSeparation("audit", "auditor", "submitter")
            .assign("alice", "submitter", "cfo")
            .assign("bob", "auditor", "submitter")
            .build();
    assertThat(problems(rbac, ALICE, BOB))
        .hasSize(3)
        .anyMatch(p -> p.contains("'alice'") && p.contains("'payments'"))
        .anyMatch(
            p ->
                p.contains("'alice'")
                    && p.contains("'audit'")
                    && p.contains("'auditor' (inherited via cfo -> auditor)"))
        .anyMatch(p -> p.contains("'bob'") && p.contains("'audit'"));
  }

  @Test
  void policyBuild_roleInheritingBothConflictingRoles_isRejectedForItsHolder() {
    RbacPolicy rbac =
        payments().staticSeparation("audit", "auditor", "approver").assign("alice", "cfo").build();
    assertThat(problems(rbac, ALICE))
        .singleElement()
        .asString()
        .contains("'approver' (inherited via cfo -> finance-lead -> approver)")
        .contains("'auditor' (inherited via cfo -> auditor)");
  }

  @Test
  void policyBuild_cardinalityThree_allowsTwoRejectsThree() {
    RbacPolicy.Builder b =
        payments()
            .constraint(
                new SodConstraint(
                    "trio",
                    SodConstraint.Kind.STATIC,
                    Set.of("submitter", "approver", "auditor"),
                    3));
    assertThat(
            policy(b.build().toBuilder().assign("alice", "submitter", "approver").build(), ALICE))
        .isNotNull();
    assertThat(problems(b.assign("alice", "submitter", "cfo").build(), ALICE))
        .singleElement()
        .asString()
        .contains("'approver'", "'auditor'", "'submitter'", "fewer than 3");
  }

  @Test
  void policyBuild_conflictingRolesInDifferentTenants_isAccepted() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .assignInTenant("alice", "submitter", "acme")
            .assignInTenant("alice", "approver", "globex")
            .build();
    assertThat(policy(rbac, ALICE).version()).isNotBlank();
  }

  @Test
  void policyBuild_tenantFreeRolePlusTenantRoleConflict_isRejectedNamingTheTenant() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .assign("alice", "submitter")
            .assignInTenant("alice", "approver", "acme")
            .build();
    assertThat(problems(rbac, ALICE))
        .singleElement()
        .asString()
        .contains("principal 'alice'", "in tenant 'acme'", "'approver'", "'submitter'");
  }

  @Test
  void policyBuild_noConstraintViolated_buildsAndDecides() {
    RbacPolicy rbac =
        payments()
            .staticSeparation("payments", "submitter", "approver")
            .assign("alice", "submitter")
            .assign("bob", "cfo")
            .build();
    Policy p = policy(rbac, ALICE, BOB);
    assertThat(decide(p, "bob", "payments/approve", "").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "payments/approve", "").isAllowed()).isFalse();
  }

  // ---- dynamic --------------------------------------------------------------------------------

  private static Policy dynamicPolicy() {
    return policy(
        payments()
            .dynamicSeparation("payments", "submitter", "approver")
            .assign("alice", "submitter", "finance-lead")
            .assign("bob", "submitter")
            .build(),
        ALICE,
        BOB);
  }

  @Test
  void decide_allRolesActiveByDefault_conflictDeniesWithSeparationOfDuty() {
    Decision d = decide(dynamicPolicy(), "alice", "payments/submit", "");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.SEPARATION_OF_DUTY);
    assertThat(d.ruleIds()).containsExactly("sod:payments");
    assertThat(d.detail()).contains("'approver' and 'submitter'", "'alice'", "'payments'");
  }

  @Test
  void decide_sessionActivatesOneSide_allowsThatSideOnly() {
    Session submitting = Session.DEFAULT.withActiveRoles("submitter");
    assertThat(decide(dynamicPolicy(), "alice", "payments/submit", "", submitting).isAllowed())
        .isTrue();
    assertThat(decide(dynamicPolicy(), "alice", "payments/approve", "", submitting).reason())
        .isEqualTo(Reason.NOT_PERMITTED);
    Session approving = Session.DEFAULT.withActiveRoles("finance-lead");
    assertThat(decide(dynamicPolicy(), "alice", "payments/approve", "", approving).ruleIds())
        .containsExactly("role:approver/allow/0");
  }

  @Test
  void decide_sessionActivatesBothSidesViaInheritance_deniesWithSeparationOfDuty() {
    Decision d =
        decide(
            dynamicPolicy(),
            "alice",
            "payments/read",
            "",
            Session.DEFAULT.withActiveRoles("submitter", "finance-lead"));
    assertThat(d.reason()).isEqualTo(Reason.SEPARATION_OF_DUTY);
  }

  @Test
  void decide_sessionActivatesRoleNotHeld_itGrantsNothing() {
    Session s = Session.DEFAULT.withActiveRoles("approver", "submitter");
    Decision d = decide(dynamicPolicy(), "bob", "payments/approve", "", s);
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(decide(dynamicPolicy(), "bob", "payments/submit", "", s).isAllowed()).isTrue();
  }

  @Test
  void decide_sessionActivatesNoRole_moduleSaysNothing() {
    Policy p =
        Policy.builder()
            .principals(ALICE)
            .allow("alice", "payments/submit")
            .module(
                payments()
                    .dynamicSeparation("payments", "submitter", "approver")
                    .assign("alice", "submitter", "approver")
                    .build())
            .build();
    Decision d =
        decide(p, "alice", "payments/submit", "", Session.DEFAULT.withActiveRoles(List.of()));
    assertThat(d.ruleIds()).containsExactly("alice/allow/0");
  }

  @Test
  void decide_principalHoldingOnlyOneSide_isUnaffected() {
    assertThat(decide(dynamicPolicy(), "bob", "payments/submit", "").isAllowed()).isTrue();
  }

  @Test
  void decide_dsdViolationAtOneHopOfAChain_deniesTheChainAtThatHop() {
    Policy p =
        policy(
            payments()
                .dynamicSeparation("payments", "submitter", "approver")
                .assign("alice", "submitter", "approver")
                .assign("bot", "submitter")
                .build(),
            ALICE,
            Fixtures.BOT);
    Decision d =
        decide(
            p,
            Fixtures.request(
                DelegationChain.onBehalfOf("alice", "bot"),
                "payments/submit",
                "",
                Session.DEFAULT));
    assertThat(d.reason()).isEqualTo(Reason.SEPARATION_OF_DUTY);
    assertThat(d.refusingPrincipal()).contains("alice");
    assertThat(
            decide(
                    p,
                    Fixtures.request(
                        DelegationChain.onBehalfOf("alice", "bot"),
                        "payments/submit",
                        "",
                        Session.DEFAULT.withActiveRoles("submitter")))
                .isAllowed())
        .isTrue();
  }
}
