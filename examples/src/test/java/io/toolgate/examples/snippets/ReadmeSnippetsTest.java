package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Java snippets run as shown, and what their comments and prose claim. */
class ReadmeSnippetsTest {
  static final InstantSource TEN_UTC = InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z"));

  @Test
  void quickStart_asShown_allowsListingDeniesDeletingAndSuspends() {
    ReadmeQuickStart.Result r = ReadmeQuickStart.run();
    ToolId listIssues = ToolId.parse("github/list_issues");

    assertThat(r.ok()).isTrue();
    assertThat(r.d().effect()).isEqualTo(Effect.DENY);
    assertThat(r.d().reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(r.d().refusingHop()).hasValue(1);
    assertThat(r.d().refusingPrincipal()).contains("triage-bot");
    assertThat(r.engine().canInvoke("triage-bot", listIssues, ResourceId.of("repo:acme/api"))).isFalse();
    assertThat(r.engine().canInvoke(DelegationChain.onBehalfOf("alice", "triage-bot"), listIssues,
        ResourceId.of("repo:acme/api"))).isFalse();
    assertThat(r.engine().canInvoke("alice", listIssues, ResourceId.of("repo:acme/api"))).isTrue();
  }

  @Test
  void delegation_asShown_allowsInsideTheScopeUntilRevoked() {
    ReadmeDelegation.Result r = ReadmeDelegation.run();

    assertThat(r.before().effect()).isEqualTo(Effect.ALLOW);
    assertThat(r.after().effect()).isEqualTo(Effect.DENY);
    assertThat(r.after().reason()).isEqualTo(Reason.DELEGATION_REVOKED);
    assertThat(r.after().refusingHop()).hasValue(1);
    assertThat(r.after().refusingPrincipal()).contains("triage-bot");
  }

  @Test
  void limits_asShown_deniesTheHundredAndFirstCallUntilTheNextHour() {
    ReadmeLimits.Result r = ReadmeLimits.run();

    assertThat(r.d().effect()).isEqualTo(Effect.DENY);
    assertThat(r.d().reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(r.d().retryAt()).hasValue(java.time.Instant.parse("2026-11-29T11:00:00Z"));
    assertThat(r.engine().canInvoke("alice", ToolId.parse("payments/transfer"), ResourceId.NONE))
        .isFalse();
    // The limit covers transfers only: the entry's other tools are not counted.
    assertThat(r.engine().canInvoke("alice", ToolId.parse("payments/refund"), ResourceId.NONE))
        .isTrue();
  }

  @Test
  void roles_asShown_buildsAndNamesTheGrantingRole() {
    ReadmeRoles.Result r = ReadmeRoles.run();

    assertThat(r.d().effect()).isEqualTo(Effect.ALLOW);
    assertThat(r.d().ruleIds()).containsExactly("role:triager/allow/0");
    assertThat(r.botLabels()).isFalse();
    assertThat(r.botReads()).isTrue();
  }

  @Test
  void abac_asShown_grantsSmallTransfersOnlyAndTheLimitLimits() {
    ReadmeAbac.Result r = ReadmeAbac.run();

    assertThat(r.small().effect()).isEqualTo(Effect.ALLOW);
    assertThat(r.small().ruleIds()).containsExactly("small-transfers");
    assertThat(r.large().effect()).isEqualTo(Effect.DENY);
    assertThat(r.large().reason()).isEqualTo(Reason.CONDITION_FAILED);
  }

  @Test
  void abac_afterHours_deniesTheUnannotatedTransferAsTheProseSays() {
    Policy policy = ReadmeAbac.run().policy();
    DecisionEngine evening = DecisionEngine.builder(policy)
        .clock(InstantSource.fixed(Instant.parse("2026-11-28T18:00:00Z"))).build();

    Decision d = evening.decide(Request.builder(DelegationChain.of("alice"), ToolId.parse("payments/transfer"))
        .arguments(Map.of("amount", 250)).build());

    assertThat(d.effect()).isEqualTo(Effect.DENY);
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("no-destructive-after-hours");
  }

  @Test
  void loader_asShown_loadsTheReadmeDocumentAndItsCommentsHold() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains("```yaml\n" + Files.readString(Path.of("src/test/resources/policy.yaml")) + "```");
    Policy policy = ReadmeLoader.run().policy();
    DecisionEngine engine = DecisionEngine.builder(policy).clock(TEN_UTC).build();
    ResourceId api = ResourceId.of("repo:acme/api");

    assertThat(engine.decide("alice", ToolId.parse("github/list_issues"), api).effect()).isEqualTo(Effect.ALLOW);
    assertThat(engine.decide("alice", ToolId.parse("github/delete_repo"), api).reason())
        .isEqualTo(Reason.UNKNOWN_TOOL);                       // optional catalog: other tools are UNKNOWN_TOOL
    assertThat(engine.decide("triage-bot", ToolId.parse("github/list_issues"), api).ruleIds())
        .containsExactly("triage-read");                      // ids name entries in decisions
    assertThat(policy.delegationLimits()).isEqualTo(Map.of("triage-bot", 1));
    assertThat(engine.decide("triage-bot", ToolId.parse("github/list_issues"), ResourceId.of("repo:acme/secret-x"))
        .reason()).isEqualTo(Reason.EXPLICIT_DENY);
  }
}
