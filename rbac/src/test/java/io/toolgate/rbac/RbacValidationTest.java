package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.AccessEntry;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration errors: cycles, dangling references, duplicates, malformed values. */
class RbacValidationTest {
  private static Role role(String name, String... parents) {
    return Role.builder(name).inherits(parents).build();
  }

  private static List<String> problems(RbacPolicy.Builder b) {
    return catchThrowableOfType(InvalidPolicyException.class, b::build).problems();
  }

  @Test
  void build_threeRoleCycle_namesTheCycle() {
    assertThat(problems(RbacPolicy.builder().roles(role("a", "b"), role("b", "c"), role("c", "a"))))
        .containsExactly("roles inherit in a cycle: a -> b -> c -> a");
  }

  @Test
  void build_selfInheritance_isACycle() {
    assertThat(problems(RbacPolicy.builder().role(role("a", "a"))))
        .containsExactly("roles inherit in a cycle: a -> a");
  }

  @Test
  void build_cycleReachedFromOutside_reportsOnlyTheCycle() {
    assertThat(
            problems(
                RbacPolicy.builder()
                    .roles(role("top", "x"), role("x", "y"), role("y", "x"), role("ok"))))
        .containsExactly("roles inherit in a cycle: x -> y -> x");
  }

  @Test
  void build_twoSeparateCycles_reportsBoth() {
    assertThat(
            problems(
                RbacPolicy.builder()
                    .roles(role("a", "b"), role("b", "a"), role("c", "d"), role("d", "c"))))
        .containsExactly(
            "roles inherit in a cycle: a -> b -> a", "roles inherit in a cycle: c -> d -> c");
  }

  @Test
  void build_deepAcyclicGraph_isAccepted() {
    RbacPolicy.Builder b = RbacPolicy.builder().role(role("r0"));
    for (int i = 1; i < 5_000; i++) {
      b.role(role("r" + i, "r" + (i - 1)));
    }
    assertThat(b.build().roles()).hasSize(5_000);
  }

  @Test
  void build_unknownParentAndRole_reportsEveryProblemAtOnce() {
    assertThat(
            problems(
                RbacPolicy.builder()
                    .role(role("a", "ghost"))
                    .role(role("a"))
                    .assign("alice", "nope")
                    .assign("alice", "a")
                    .assign("alice", "a")
                    .staticSeparation("ssd", "a", "missing")
                    .dynamicSeparation("ssd", "a", "a2")))
        .containsExactly(
            "role 'a' is defined twice",
            "role 'a' inherits 'ghost', which is not defined",
            "assignment 'alice -> nope' names role 'nope', which is not defined",
            "assignment 'alice -> a' is listed twice",
            "constraint 'ssd' names role 'missing', which is not defined",
            "constraint 'ssd' is defined twice",
            "constraint 'ssd' names role 'a2', which is not defined");
  }

  @Test
  void policyBuild_assignmentToUndefinedPrincipal_isAnError() {
    RbacPolicy rbac = RbacPolicy.builder().role(role("r")).assign("ghost", "r").build();
    InvalidPolicyException e =
        catchThrowableOfType(
            InvalidPolicyException.class,
            () -> Policy.builder().principal(ALICE).module(rbac).build());
    assertThat(e.problems())
        .containsExactly(
            "rbac: assignment of role 'r' names principal 'ghost', which is not defined");
  }

  @Test
  void policyBuild_boundedAssignmentWithoutOwner_isAnError() {
    RbacPolicy rbac =
        RbacPolicy.builder().role(role("r")).assignBoundedByOwner("alice", "r").build();
    assertThat(
            catchThrowableOfType(
                    InvalidPolicyException.class,
                    () -> Policy.builder().principal(ALICE).module(rbac).build())
                .problems())
        .containsExactly(
            "rbac: assignment of role 'r' to 'alice' is bounded by its owner, but "
                + "'alice' has no owner");
  }

  @Test
  void build_leavesBuilderUsable_andBuildsEqualModules() {
    RbacPolicy.Builder b = RbacPolicy.builder().role(role("r")).assign("alice", "r");
    RbacPolicy one = b.build();
    RbacPolicy two = b.build();
    assertThat(one.fingerprint()).isEqualTo(two.fingerprint());
    assertThat(one.toBuilder().assign("bob", "r").build().fingerprint())
        .isNotEqualTo(one.fingerprint());
  }

  @Test
  void role_entryIdNotNamingTheRole_isRejected() {
    assertThatThrownBy(
            () -> Role.builder("ops").entry(AccessEntry.allow("ops/allow/0", "a/b")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with 'role:ops/'");
    assertThat(
            Role.builder("ops")
                .entry(AccessEntry.allow("role:ops/custom", "a/b"))
                .build()
                .entries())
        .hasSize(1);
  }

  @Test
  void role_parentNamedTwiceOrMalformedName_isRejected() {
    assertThatThrownBy(() -> Role.builder("a").inherits("b", "b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Role.builder("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> Role.builder("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Role.builder("a").allow(List.of("no-slash"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sodConstraint_badCardinalityOrTooFewRoles_isRejected() {
    assertThatThrownBy(
            () -> new SodConstraint("c", SodConstraint.Kind.STATIC, java.util.Set.of("a"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two");
    assertThatThrownBy(
            () -> new SodConstraint("c", SodConstraint.Kind.STATIC, java.util.Set.of("a", "b"), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cardinality 3");
    assertThatThrownBy(
            () -> new SodConstraint("c", SodConstraint.Kind.DYNAMIC, java.util.Set.of("a", "b"), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tenantFromResource_malformedPattern_isRejected() {
    RbacPolicy.Builder b = RbacPolicy.builder();
    assertThatThrownBy(() -> b.tenantFromResource("repo:acme/**"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one {tenant}");
    assertThatThrownBy(() -> b.tenantFromResource("repo:{tenant}/{tenant}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.tenantFromResource("*:{tenant}/**"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("literal prefix");
    assertThatThrownBy(() -> b.tenantFromResource("repo:{tenant}*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter");
  }

  @Test
  void queries_policyWithoutThisModule_isRejected() {
    RbacPolicy rbac = RbacPolicy.builder().role(role("r")).build();
    Policy other = Policy.builder().principal(Principal.user("u").build()).build();
    assertThatThrownBy(() -> rbac.queries(other)).isInstanceOf(IllegalArgumentException.class);
  }
}
