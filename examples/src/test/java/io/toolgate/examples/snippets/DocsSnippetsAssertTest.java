package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.guard.GuardResult;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolCall;
import io.toolgate.guard.ToolGuard;
import io.toolgate.ToolId;
import io.toolgate.abac.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java examples of docs/*.md run as shown, and what their comments claim. */
class DocsSnippetsAssertTest {
  @TempDir
  Path root;

  @Test
  void abacDoc_asShown_allowsSmallTransfersThroughTheBotAndTheLimitBindsTheBot() {
    DocsAbac.Result r = DocsAbac.run();

    assertThat(r.d().effect()).isEqualTo(Effect.ALLOW);
    assertThat(r.d().reason()).isEqualTo(Reason.PERMITTED);
    assertThat(r.d().ruleIds()).containsExactly("alice/allow/0", "small-transfers");
    assertThat(r.large().effect()).isEqualTo(Effect.DENY);
    assertThat(r.large().reason()).isEqualTo(Reason.CONDITION_FAILED);
    assertThat(r.large().refusingHop()).hasValue(1);
    assertThat(r.large().refusingPrincipal()).contains("payments-bot");
  }

  @Test
  void abacDsl_asShown_buildsTheRuleTheCommentSpells() {
    Rule smallTransfers = DocsAbacDsl.run().get(0);

    assertThat(smallTransfers.condition().text())
        .isEqualTo("(args.amount <= 1000) && (principal.attributes.team == \"finance\")");
  }

  @Test
  void analysisAssertions_asShown_holdForTheReadmePolicy() {
    assertThatNoException().isThrownBy(DocsAnalysis::run);
  }

  @Test
  void architectureDelegation_asShown_buildsThreeHopsWithTheRevocableGrant() {
    DelegationChain chain = DocsArchitecture.chain();

    assertThat(chain.toString()).contains("alice", "triage-bot", "summarizer");
    assertThat(chain).isEqualTo(DocsArchitecture.chain());
  }

  @Test
  void architectureRoles_asShown_builds() {
    assertThat(DocsArchitecture.roles().principals()).hasSize(2);
  }

  @Test
  void architectureAbac_rbacFirst_buildsAndTheOtherOrderIsRefused() {
    DecisionEngine engine = DecisionEngine.builder(DocsArchitecture.abac(true)).build();
    Decision big = engine.decide(Request.builder(DelegationChain.of("alice"), ToolId.parse("payments/transfer"))
        .arguments(Map.of("amount", 5000)).environment(Map.of("hour", 10)).build());

    assertThat(big.ruleIds()).contains("approvers-any-amount");
    assertThatThrownBy(() -> DocsArchitecture.abac(false)).isInstanceOf(InvalidPolicyException.class);
  }

  @Test
  void toolGuard_asShown_runsTheAllowedBodyAndRefusesEscapes() throws Exception {
    Files.createDirectories(root.resolve("notes"));
    Files.writeString(root.resolve("notes/a.txt"), "hello");

    DocsToolGuard.Result r = DocsToolGuard.run(root);

    assertThat(r.r()).isInstanceOf(GuardResult.Allowed.class);
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.d().isAllowed()).isTrue();
    assertThat(r.escape().reason()).isEqualTo(Reason.RESOURCE_UNRESOLVED);
  }

  @Test
  void pin_asShown_refusesACallThatPresentsAnotherDefinition() {
    ToolGuard guard = ToolGuard.builder(DecisionEngine.builder(DocsPin.run()).build())
        .noResource("workspace/read_file").build();
    DelegationChain alice = DelegationChain.of("alice");

    Decision unchanged = guard.decide(ToolCall.builder(alice, ToolId.parse("workspace/read_file"))
        .definitionDigest(DocsPin.run().pins().get(ToolId.parse("workspace/read_file"))).build());
    Decision changed = guard.decide(ToolCall.builder(alice, ToolId.parse("workspace/read_file"))
        .definitionDigest("sha256:" + "0".repeat(64)).build());

    assertThat(unchanged.isAllowed()).isTrue();
    assertThat(changed.reason()).isEqualTo(Reason.TOOL_DEFINITION_CHANGED);
  }

  @Test
  void peersSketch_asShown_buildsAndDecidesTheRoleScenario() {
    DocsPeers.Result r = DocsPeers.run();
    DecisionEngine engine = DecisionEngine.builder(r.policy()).build();

    assertThat(engine.canInvoke("u4", ToolId.parse("srv4/op_0"), ResourceId.of("repo:acme/team4/x"))).isTrue();
    assertThat(engine.canInvoke("u4", ToolId.parse("srv4/op_0"), ResourceId.of("repo:acme/team4/secret/x"))).isFalse();
    assertThat(r.chain().toString()).contains("helper");
  }

  @Test
  void rbacDoc_asShown_decidesAndAnswersAsItsCommentsSay() {
    DocsRbac.Result r = DocsRbac.run();

    assertThat(r.labels()).isTrue();
    assertThat(r.engine().decide("alice", ToolId.parse("github/add_label"), ResourceId.of("repo:acme/support-desk"))
        .ruleIds()).containsExactly("role:triager/allow/0");
    assertThat(r.d().effect()).isEqualTo(Effect.ALLOW);
    assertThat(r.d().ruleIds()).containsExactly("role:payments-submitter/allow/0");
    Decision globex = r.engine().decide(Request.builder(DelegationChain.of("alice"), ToolId.parse("payments/submit"))
        .session(Session.tenant("globex")).build());
    assertThat(globex.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(r.engine().canInvoke("alice", ToolId.parse("github/get_file"), ResourceId.of("repo:acme/secret-keys")))
        .isFalse();
    assertThat(r.q().effectiveRoles("alice")).containsExactly("reader", "triager");
    assertThat(r.q().effectiveRoles("alice", "acme")).containsExactly("reader", "triager", "payments-submitter");
    assertThat(r.q().principalsHolding("reader")).containsExactly("alice", "triage-bot");
    assertThat(r.q().effectivePermissions("alice").get(0)).hasToString("role:reader/allow/0 via triager -> reader");
  }
}
