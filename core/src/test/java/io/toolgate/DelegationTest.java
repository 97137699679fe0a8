package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegationTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final ToolId LIST_ISSUES = ToolId.parse("github/list_issues");
  static final ToolId ADD_LABEL = ToolId.parse("github/add_label");
  static final ToolId SEARCH = ToolId.parse("search/query");
  static final ToolId READ_FILE = ToolId.parse("fs/read_file");
  static final ResourceId ALICE_REPO = ResourceId.of("repo:alice/notes");
  static final ResourceId BOB_REPO = ResourceId.of("repo:bob/notes");

  final MutableClock clock = new MutableClock(T0);

  /**
   * Two users, a shared assistant agent with broad rights, and a search tool that calls file reads.
   */
  static Policy policy() {
    return Policy.builder()
        .version("delegation-test")
        .maxDelegationDepth(3)
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.service("ops").build())
        .principal(Principal.agent("assistant").owner("ops").build())
        .principal(Principal.agent("summarizer").owner("ops").build())
        .principal(Principal.service("tool:search").build())
        .allow("alice", List.of("github/*"), List.of("repo:alice/**"))
        .allow("alice", "search/query", "fs/read_file")
        .allow("bob", List.of("github/list_*"), List.of("repo:bob/**"))
        .allow("assistant", "github/*", "search/query", "fs/read_file")
        .allow("summarizer", "github/list_*", "fs/read_file")
        .allow("tool:search", List.of("fs/read_file"), List.of("file:///index/**"))
        .build();
  }

  DecisionEngine engine() {
    return DecisionEngine.builder(policy()).clock(clock).build();
  }

  @Test
  void privilegedAgent_servingTwoUsers_neverUsesOneUsersRightsForTheOther() {
    DecisionEngine e = engine();
    DelegationChain forAlice = DelegationChain.onBehalfOf("alice", "assistant");
    DelegationChain forBob = DelegationChain.onBehalfOf("bob", "assistant");
    // The agent alone may touch both repositories...
    assertThat(e.canInvoke("assistant", ADD_LABEL, BOB_REPO)).isTrue();
    // ...but acting for a user it holds only that user's rights.
    assertThat(e.canInvoke(forAlice, ADD_LABEL, ALICE_REPO)).isTrue();
    assertThat(e.canInvoke(forBob, LIST_ISSUES, BOB_REPO)).isTrue();
    Decision bobLabel = e.decide(Request.of(forBob, ADD_LABEL, BOB_REPO));
    assertThat(bobLabel.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(bobLabel.refusingHop()).hasValue(0);
    assertThat(bobLabel.refusingPrincipal()).contains("bob");
    Decision crossUser = e.decide(Request.of(forBob, LIST_ISSUES, ALICE_REPO));
    assertThat(crossUser.isAllowed()).isFalse();
    assertThat(crossUser.refusingPrincipal()).contains("bob");
  }

  @Test
  void scope_narrowsWhatTheDelegateMayDo_andNamesTheHop() {
    DecisionEngine e = engine();
    DelegationChain chain =
        DelegationChain.of("alice")
            .then(
                "assistant",
                DelegationScope.builder()
                    .tools("github/list_*")
                    .resources("repo:alice/**")
                    .build());
    assertThat(e.canInvoke(chain, LIST_ISSUES, ALICE_REPO)).isTrue();
    Decision d = e.decide(Request.of(chain, ADD_LABEL, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.OUTSIDE_DELEGATION);
    assertThat(d.refusingHop()).hasValue(1);
    assertThat(d.refusingPrincipal()).contains("assistant");
  }

  @Test
  void threeHopChain_isTheIntersectionOfAllThree() {
    DecisionEngine e = engine();
    DelegationChain chain = DelegationChain.of("alice").then("assistant").then("summarizer");
    assertThat(e.decide(Request.of(chain, LIST_ISSUES, ALICE_REPO)).ruleIds())
        .containsExactly("alice/allow/0", "assistant/allow/0", "summarizer/allow/0");
    Decision d = e.decide(Request.of(chain, ADD_LABEL, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(d.refusingPrincipal()).contains("summarizer");
  }

  @Test
  void nestedTool_seesTheCallersRestrictions() {
    DecisionEngine e = engine();
    DelegationChain caller =
        DelegationChain.of("alice").then("assistant", DelegationScope.tools("search/query"));
    assertThat(e.canInvoke(caller, SEARCH, ResourceId.NONE)).isTrue();
    // The search tool reads the index as itself, extending the caller's chain...
    DelegationChain inner = caller.then("tool:search");
    ResourceId index = ResourceId.of("file:///index/shard-1");
    Decision d = e.decide(Request.of(inner, READ_FILE, index));
    // ...so the assistant's scope (search only) forbids the inner read, although every principal
    // may read.
    assertThat(e.canInvoke("tool:search", READ_FILE, index)).isTrue();
    assertThat(d.reason()).isEqualTo(Reason.OUTSIDE_DELEGATION);
    assertThat(d.refusingPrincipal()).contains("assistant");
    // With a scope that passes file reads on, the nested call goes through.
    DelegationChain wider =
        DelegationChain.of("alice")
            .then("assistant", DelegationScope.tools("search/query", "fs/read_file"))
            .then("tool:search");
    assertThat(e.canInvoke(wider, READ_FILE, index)).isTrue();
  }

  @Test
  void revokeDelegation_byId_deniesEveryChainCarryingIt() {
    DecisionEngine e = engine();
    DelegationChain chain =
        DelegationChain.of("alice").then(Delegation.to("assistant").withId("grant-42"));
    DelegationChain other =
        DelegationChain.of("alice").then(Delegation.to("assistant").withId("grant-43"));
    assertThat(e.canInvoke(chain, LIST_ISSUES, ALICE_REPO)).isTrue();
    e.revokeDelegation("grant-42");
    Decision d = e.decide(Request.of(chain.then("summarizer"), LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DELEGATION_REVOKED);
    assertThat(d.refusingHop()).hasValue(1);
    assertThat(e.canInvoke(chain, LIST_ISSUES, ALICE_REPO)).isFalse();
    assertThat(e.canInvoke(other, LIST_ISSUES, ALICE_REPO)).isTrue();
  }

  @Test
  void suspendingAMiddleHop_deniesEveryChainThroughIt() {
    DecisionEngine e = engine();
    DelegationChain chain = DelegationChain.of("alice").then("assistant").then("summarizer");
    assertThat(e.canInvoke(chain, LIST_ISSUES, ALICE_REPO)).isTrue();
    e.suspend("assistant");
    Decision d = e.decide(Request.of(chain, LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(d.refusingHop()).hasValue(1);
  }

  @Test
  void policyDepthLimit_deniesLongerChains() {
    DecisionEngine e =
        DecisionEngine.builder(policy().toBuilder().maxDelegationDepth(1).build()).build();
    DelegationChain two = DelegationChain.of("alice").then("assistant").then("summarizer");
    Decision d = e.decide(Request.of(two, LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DEPTH_EXCEEDED);
    assertThat(d.refusingHop()).hasValue(2);
    assertThat(d.refusingPrincipal()).contains("summarizer");
    assertThat(e.canInvoke(DelegationChain.of("alice").then("assistant"), LIST_ISSUES, ALICE_REPO))
        .isTrue();
  }

  @Test
  void hopLimit_inAScope_deniesFurtherDelegation() {
    DecisionEngine e = engine();
    DelegationChain chain =
        DelegationChain.of("alice")
            .then("assistant", DelegationScope.builder().maxFurtherHops(0).build())
            .then("summarizer");
    Decision d = e.decide(Request.of(chain, LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DEPTH_EXCEEDED);
    assertThat(d.refusingPrincipal()).contains("summarizer");
  }

  @Test
  void perAgentDelegationLimit_inThePolicy_capsEveryChainThroughIt() {
    Policy limited = policy().toBuilder().delegationLimit("assistant", 0).build();
    DecisionEngine e = DecisionEngine.builder(limited).clock(clock).build();
    DelegationChain direct = DelegationChain.onBehalfOf("alice", "assistant");
    assertThat(e.canInvoke(direct, LIST_ISSUES, ALICE_REPO)).isTrue();
    Decision d = e.decide(Request.of(direct.then("summarizer"), LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DEPTH_EXCEEDED);
    assertThat(d.refusingPrincipal()).contains("summarizer");
    assertThat(d.detail()).contains("at most 0 principals follow 'assistant'");
  }

  @Test
  void duplicatePrincipal_isDeniedAtItsSecondAppearance() {
    DecisionEngine e = engine();
    DelegationChain loop = DelegationChain.of("alice").then("assistant").then("alice");
    Decision d = e.decide(Request.of(loop, LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DUPLICATE_PRINCIPAL);
    assertThat(d.refusingHop()).hasValue(2);
  }

  @Test
  void delegationExpiry_deniedFromTheExactMillisecond_cachedOrNot() {
    Instant end = T0.plus(Duration.ofMinutes(15));
    DelegationChain chain =
        DelegationChain.of("alice")
            .then("assistant", DelegationScope.builder().expires(end).build());
    DecisionEngine e = engine();
    clock.set(end.minusMillis(1));
    assertThat(e.canInvoke(chain, LIST_ISSUES, ALICE_REPO)).isTrue();
    clock.set(end);
    Decision d = e.decide(Request.of(chain, LIST_ISSUES, ALICE_REPO));
    assertThat(d.reason()).isEqualTo(Reason.DELEGATION_EXPIRED);
    assertThat(d.refusingHop()).hasValue(1);
    DecisionEngine fresh = DecisionEngine.builder(policy()).clock(clock).cacheSize(0).build();
    assertThat(fresh.decide(Request.of(chain, LIST_ISSUES, ALICE_REPO))).isEqualTo(d);
  }

  @Test
  void chains_equalByValue_andOneHopChainSharesTheDirectCacheEntry() {
    DelegationChain a =
        DelegationChain.of("alice").then("assistant", DelegationScope.tools("github/*"));
    DelegationChain b =
        DelegationChain.of("alice").then("assistant", DelegationScope.tools("github/*"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(DelegationChain.of("alice").then("assistant"));
    DecisionEngine e = engine();
    e.canInvoke("alice", LIST_ISSUES, ALICE_REPO);
    e.canInvoke(DelegationChain.of("alice"), LIST_ISSUES, ALICE_REPO);
    assertThat(e.cachedResiduals()).isEqualTo(1);
    assertThat(a.toString()).isEqualTo("alice -> assistant scope{tools=[github/*]}");
  }
}
