package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NIST core RBAC: users (principals) assigned roles, roles assigned permissions (entries). */
class RbacCoreTest {
  private static final Role READER =
      Role.builder("reader")
          .allow(List.of("github/get_*", "github/list_*"), List.of("repo:acme/**"))
          .build();
  private static final Role WRITER =
      Role.builder("writer")
          .allow(List.of("github/create_issue"), List.of("repo:acme/**"))
          .deny(List.of("github/create_issue"), List.of("repo:acme/frozen-*"))
          .build();

  private static Policy twoRoles() {
    return policy(
        RbacPolicy.builder().roles(READER, WRITER).assign("alice", "reader").build(), ALICE, BOB);
  }

  @Test
  void decide_assignedRoleCoversCall_allowsNamingTheRoleEntry() {
    Decision d = decide(twoRoles(), "alice", "github/list_issues", "repo:acme/api");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.reason()).isEqualTo(Reason.PERMITTED);
    assertThat(d.ruleIds()).containsExactly("role:reader/allow/0");
  }

  @Test
  void decide_assignedRoleDoesNotCoverCall_deniesNotPermitted() {
    Decision d = decide(twoRoles(), "alice", "github/create_issue", "repo:acme/api");
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_resourceOutsideRoleEntry_deniesNotPermitted() {
    assertThat(decide(twoRoles(), "alice", "github/list_issues", "repo:other/api").reason())
        .isEqualTo(Reason.NOT_PERMITTED);
    assertThat(decide(twoRoles(), "alice", "github/list_issues", "").reason())
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_principalWithoutRoles_deniesNotPermitted() {
    assertThat(decide(twoRoles(), "bob", "github/list_issues", "repo:acme/api").reason())
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_severalRolesAssigned_unionOfTheirAllows() {
    Policy p =
        policy(
            RbacPolicy.builder().roles(READER, WRITER).assign("alice", "reader", "writer").build(),
            ALICE);
    assertThat(decide(p, "alice", "github/list_issues", "repo:acme/api").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "github/create_issue", "repo:acme/api").ruleIds())
        .containsExactly("role:writer/allow/0");
  }

  @Test
  void decide_roleDenyEntryMatches_deniesExplicitlyNamingTheDenyEntry() {
    Policy p =
        policy(RbacPolicy.builder().roles(READER, WRITER).assign("alice", "writer").build(), ALICE);
    Decision d = decide(p, "alice", "github/create_issue", "repo:acme/frozen-2024");
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("role:writer/deny/0");
  }

  @Test
  void decide_noRoleMatches_whitelistStillAllows() {
    Policy p =
        Policy.builder()
            .principals(ALICE)
            .allow("alice", "slack/post")
            .module(RbacPolicy.builder().role(READER).assign("alice", "reader").build())
            .build();
    Decision d = decide(p, "alice", "slack/post", "");
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.ruleIds()).containsExactly("alice/allow/0");
  }

  @Test
  void decide_roleDenyAndWhitelistAllow_denyWins() {
    Policy p =
        Policy.builder()
            .principals(ALICE)
            .allow("alice", "github/create_issue")
            .module(RbacPolicy.builder().role(WRITER).assign("alice", "writer").build())
            .build();
    assertThat(decide(p, "alice", "github/create_issue", "repo:acme/frozen-x").reason())
        .isEqualTo(Reason.EXPLICIT_DENY);
  }

  @Test
  void decide_whitelistDenyAndRoleAllow_denyWins() {
    Policy p =
        Policy.builder()
            .principals(ALICE)
            .deny("alice", List.of("github/list_issues"), List.of("repo:acme/secret"))
            .module(RbacPolicy.builder().role(READER).assign("alice", "reader").build())
            .build();
    Decision d = decide(p, "alice", "github/list_issues", "repo:acme/secret");
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("alice/deny/0");
  }

  @Test
  void decide_delegationChain_everyHopNeedsARoleGrant() {
    Policy p =
        policy(
            RbacPolicy.builder()
                .roles(READER, WRITER)
                .assign("alice", "reader", "writer")
                .assign("bot", "reader")
                .build(),
            ALICE,
            Fixtures.BOT);
    DelegationChain chain = DelegationChain.onBehalfOf("alice", "bot");
    assertThat(
            decide(
                    p,
                    Fixtures.request(chain, "github/list_issues", "repo:acme/api", Session.DEFAULT))
                .isAllowed())
        .isTrue();
    Decision d =
        decide(p, Fixtures.request(chain, "github/create_issue", "repo:acme/api", Session.DEFAULT));
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(d.refusingPrincipal()).contains("bot");
  }

  @Test
  void canInvoke_cachedAndUncached_agree() {
    Policy p = twoRoles();
    DecisionEngine cached = DecisionEngine.builder(p).build();
    DecisionEngine uncached = DecisionEngine.builder(p).cacheSize(0).build();
    ToolId list = ToolId.parse("github/list_issues");
    ResourceId api = ResourceId.of("repo:acme/api");
    for (int i = 0; i < 3; i++) {
      assertThat(cached.canInvoke("alice", list, api)).isTrue();
      assertThat(uncached.canInvoke("alice", list, api)).isTrue();
      assertThat(cached.canInvoke("bob", list, api)).isFalse();
    }
    assertThat(cached.cachedResiduals()).isPositive();
  }

  @Test
  void policyVersion_changesWithRoleContent() {
    Policy a = twoRoles();
    Policy b =
        policy(
            RbacPolicy.builder().roles(READER, WRITER).assign("alice", "writer").build(),
            ALICE,
            BOB);
    Policy c =
        policy(
            RbacPolicy.builder().roles(WRITER, READER).assign("alice", "reader").build(),
            ALICE,
            BOB);
    assertThat(a.version()).isNotEqualTo(b.version());
    assertThat(a.version()).as("definition order does not matter").isEqualTo(c.version());
  }

  @Test
  void roleBuilder_numbersEntriesPerEffect() {
    Role r = Role.builder("ops").allow("a/b").deny("a/c").allow("a/d").build();
    assertThat(r.entries())
        .extracting(e -> e.id())
        .containsExactly("role:ops/allow/0", "role:ops/deny/0", "role:ops/allow/1");
  }
}
