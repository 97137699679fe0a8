package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.Policy;
import io.toolgate.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NIST hierarchical RBAC: general (multiple-parent) inheritance, deny entries inherited too. */
class RoleHierarchyTest {
  /** guest <- reader <- triager <- maintainer, each adding one tool. */
  private static RbacPolicy.Builder ladder() {
    return RbacPolicy.builder()
        .role(Role.builder("guest").allow("github/get_readme").build())
        .role(Role.builder("reader").inherits("guest").allow("github/list_issues").build())
        .role(Role.builder("triager").inherits("reader").allow("github/add_label").build())
        .role(Role.builder("maintainer").inherits("triager").allow("github/merge").build());
  }

  @Test
  void decide_multiLevelInheritance_seniorHoldsEveryAncestorsEntries() {
    Policy p = policy(ladder().assign("alice", "maintainer").build(), ALICE);
    Decision d = decide(p, "alice", "github/get_readme", "repo:x");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.ruleIds()).containsExactly("role:guest/allow/0");
    assertThat(decide(p, "alice", "github/list_issues", "").ruleIds())
        .containsExactly("role:reader/allow/0");
    assertThat(decide(p, "alice", "github/merge", "").ruleIds())
        .containsExactly("role:maintainer/allow/0");
  }

  @Test
  void decide_juniorRole_doesNotGetSeniorsEntries() {
    Policy p = policy(ladder().assign("alice", "reader").build(), ALICE);
    assertThat(decide(p, "alice", "github/list_issues", "").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "github/get_readme", "").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "github/add_label", "").reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(decide(p, "alice", "github/merge", "").reason()).isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_diamond_sharedAncestorGrantsOnceAndBothBranchesApply() {
    Policy p =
        policy(
            RbacPolicy.builder()
                .role(Role.builder("base").allow("fs/read_file").build())
                .role(Role.builder("left").inherits("base").allow("fs/write_file").build())
                .role(Role.builder("right").inherits("base").allow("fs/delete_file").build())
                .role(Role.builder("top").inherits("left", "right").build())
                .assign("alice", "top")
                .build(),
            ALICE);
    assertThat(decide(p, "alice", "fs/read_file", "").ruleIds())
        .containsExactly("role:base/allow/0");
    assertThat(decide(p, "alice", "fs/write_file", "").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "fs/delete_file", "").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "fs/chmod", "").reason()).isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_denyInJuniorRole_winsOverSeniorAllow() {
    Policy p =
        policy(
            RbacPolicy.builder()
                .role(
                    Role.builder("no-secrets")
                        .deny(List.of("*/*"), List.of("repo:acme/secret-*"))
                        .build())
                .role(
                    Role.builder("admin")
                        .inherits("no-secrets")
                        .allow(List.of("*/*"), List.of("repo:**"))
                        .build())
                .assign("alice", "admin")
                .build(),
            ALICE);
    Decision d = decide(p, "alice", "github/get_file", "repo:acme/secret-keys");
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("role:no-secrets/deny/0");
    assertThat(decide(p, "alice", "github/get_file", "repo:acme/api").isAllowed()).isTrue();
  }

  @Test
  void decide_denyInheritedThroughSeveralLevels_stillWins() {
    Policy p =
        policy(
            ladder()
                .role(Role.builder("locked").deny("github/merge").build())
                .role(Role.builder("lead").inherits("maintainer", "locked").build())
                .role(Role.builder("director").inherits("lead").build())
                .assign("alice", "director")
                .assign("bob", "maintainer")
                .build(),
            ALICE,
            BOB);
    assertThat(decide(p, "alice", "github/merge", "").ruleIds())
        .containsExactly("role:locked/deny/0");
    assertThat(decide(p, "alice", "github/add_label", "").isAllowed()).isTrue();
    assertThat(decide(p, "bob", "github/merge", "").isAllowed()).isTrue();
  }

  @Test
  void decide_denyInSeniorRole_doesNotAffectHoldersOfJunior() {
    Policy p =
        policy(
            RbacPolicy.builder()
                .role(Role.builder("reader").allow("github/list_issues").build())
                .role(
                    Role.builder("restricted")
                        .inherits("reader")
                        .deny("github/list_issues")
                        .build())
                .assign("alice", "reader")
                .assign("bob", "restricted")
                .build(),
            ALICE,
            BOB);
    assertThat(decide(p, "alice", "github/list_issues", "").isAllowed()).isTrue();
    assertThat(decide(p, "bob", "github/list_issues", "").reason()).isEqualTo(Reason.EXPLICIT_DENY);
  }

  @Test
  void decide_inheritedDeny_winsOverWhitelistAllow() {
    Policy p =
        Policy.builder()
            .principals(ALICE)
            .allow("alice", "github/merge")
            .module(
                RbacPolicy.builder()
                    .role(Role.builder("frozen").deny("github/merge").build())
                    .role(Role.builder("member").inherits("frozen").build())
                    .assign("alice", "member")
                    .build())
            .build();
    assertThat(decide(p, "alice", "github/merge", "").reason()).isEqualTo(Reason.EXPLICIT_DENY);
  }

  @Test
  void decide_roleGrantingViaSeveralBranches_eachMatchingEntryNamed() {
    Policy p =
        policy(
            RbacPolicy.builder()
                .role(Role.builder("a").allow("x/y").build())
                .role(Role.builder("b").allow("x/*").build())
                .role(Role.builder("c").inherits("a", "b").build())
                .assign("alice", "c")
                .build(),
            ALICE);
    assertThat(decide(p, "alice", "x/y", "").ruleIds())
        .containsExactlyInAnyOrder("role:a/allow/0", "role:b/allow/0");
  }
}
